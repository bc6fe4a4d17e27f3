/**
 * Jazzer {@code @FuzzTest} targets for everything that parses bytes a server (or a caller) chose:
 * the reply decoder, the error-body mapper, the retry-hint parsers and base64 image text. Under a
 * plain build each target replays its committed corpus ({@code <Class>Inputs/<method>/} in the test
 * resources) as regression tests; with {@code JAZZER_FUZZ=1} one target fuzzes (docs/FUZZING.md).
 * A target may end only with the library's typed exception; anything else is a finding. Test code:
 * depends on the http module's public and internal types and on Jazzer, nothing else.
 */
package io.github.geminiimage.http.fuzz;
