#!/usr/bin/env bash
# Runs Google's JavaScript SDK through the emulator's flows (check.mjs) against the CLI jar.
# Usage: emulator/js-check/run.sh   (after `mvn -B -ntp verify`, which builds cli/target/gemini-image.jar)
# Exit 0 when node/npm are missing or npm cannot fetch the SDK (said on stderr): the check is optional
# where there is no JavaScript toolchain or registry. A failing flow exits non-zero.
set -euo pipefail
cd "$(dirname "$0")"
JAR="../../cli/target/gemini-image.jar"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "js-check: node or npm not installed; skipped" >&2
  exit 0
fi
if [ ! -d node_modules/@google/genai ]; then
  if ! npm ci --no-audit --no-fund --ignore-scripts >/dev/null 2>&1; then
    echo "js-check: npm could not install @google/genai (registry unreachable?); skipped" >&2
    exit 0
  fi
fi
[ -f "$JAR" ] || { echo "js-check: $JAR is missing; run mvn -B -ntp verify first" >&2; exit 1; }
OUT="$(mktemp)"
java -jar "$JAR" emulator --port 0 --api-key js-key >"$OUT" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -f "$OUT"' EXIT
for _ in $(seq 1 100); do
  LINE="$(head -n 1 "$OUT" 2>/dev/null || true)"
  [[ "$LINE" == "listening on "* ]] && break
  sleep 0.1
done
[[ "$LINE" == "listening on "* ]] || { echo "js-check: the emulator did not start: $(cat "$OUT")" >&2; exit 1; }
GEMINI_EMULATOR_URL="${LINE#listening on }" GEMINI_EMULATOR_KEY=js-key node check.mjs
