package io.github.geminiimage.emulator;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.emulator.internal.EmulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local Gemini API server that any SDK, in any language, can test against: Google's wire format
 * for {@code generateContent} and {@code streamGenerateContent} (SSE or a JSON array) under
 * {@code /v1beta} and {@code /v1}, {@code models} list and get, the Files API, Batch Mode and Vertex
 * AI paths, answered by the in-memory fake. Point a client's base URL at {@link #baseUri()}; tests
 * in other languages script it over HTTP ({@code /emulator/v1/outcomes}, {@code rules},
 * {@code requests}, {@code reset}), as the README's "Test any SDK against the emulator" shows.
 * Thread-safe.
 */
public final class GeminiEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final Optional<Path> ownedDataDir;

    private GeminiEmulator(EmulatorServer server, Optional<Path> ownedDataDir) {
        this.server = server;
        this.ownedDataDir = ownedDataDir;
    }

    /** A builder: loopback, a free port, any non-empty key, a temporary data folder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator with the defaults of {@link #builder()}. */
    public static GeminiEmulator start() {
        return builder().start();
    }

    /** The base URL to give a client, e.g. {@code http://127.0.0.1:8089} (no trailing slash, no version). */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The port it listens on. */
    public int port() {
        return server.baseUri().getPort();
    }

    /**
     * Queues what the next generate calls (plain or streamed, Gemini API or Vertex) answer, in
     * order; then the default image again. Validation comes first: an invalid request still gets
     * its 400 and does not use up a queued outcome.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator enqueue(EmulatorOutcome... outcomes) {
        Arrays.stream(outcomes).forEach(o -> Objects.requireNonNull(o, "outcome"));
        server.enqueue(List.of(outcomes));
        return this;
    }

    /**
     * Answers every later generate call with {@code outcome} once the queue is empty, until
     * {@link #reset()}: e.g. a server that is down for a whole test.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator always(EmulatorOutcome outcome) {
        server.always(Objects.requireNonNull(outcome, "outcome"));
        return this;
    }

    /**
     * Adds standing rules after those in force, until {@link #reset()}: each answers the generate
     * calls it matches (by prompt text, optionally only a prompt's first attempt) with its outcome,
     * so concurrent calls can each get their own fault. A call a rule matches leaves the queue of
     * {@link #enqueue} alone. See {@link EmulatorRule}.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator rule(EmulatorRule... rules) {
        Arrays.stream(rules).forEach(r -> Objects.requireNonNull(r, "rule"));
        server.addRules(List.of(rules));
        return this;
    }

    /**
     * Queues outcomes by name (see {@link EmulatorOutcome}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public GeminiEmulator enqueue(String... names) {
        return enqueue(Arrays.stream(names).map(EmulatorOutcome::of).toArray(EmulatorOutcome[]::new));
    }

    /**
     * Makes uploads finalized from now on {@code PROCESSING} for the next {@code reads} reads of
     * {@code files.get} ({@link Integer#MAX_VALUE}: forever), then {@code ACTIVE}; with a
     * {@code failure}, {@code FAILED} at the first read instead. {@code (0, empty)} restores the
     * default: {@code ACTIVE} at once, as images are. A reset restores it too.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator fileProcessing(int reads, Optional<String> failure) {
        if (reads < 0) {
            throw new IllegalArgumentException("reads: " + reads + " is negative");
        }
        server.files().processing(reads, Objects.requireNonNull(failure, "failure"));
        return this;
    }

    /**
     * Cuts the next chunk sent to an upload session after {@code bytes} bytes of its body: the
     * whole granules read so far are kept, as a resumable server persists them, and the connection
     * is dropped without a reply, so the client must {@code query} and resume. A reset cancels it.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator cutNextUploadChunkAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " is negative");
        }
        server.cutNextChunkAfter(bytes);
        return this;
    }

    /**
     * Answers the next {@code count} chunks sent to upload sessions with 503 {@code UNAVAILABLE}
     * (their bytes dropped). The message echoes the session URL, as some proxies do, so a test can
     * check that a client never shows it. A reset cancels it.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator failNextUploadChunks(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " is negative");
        }
        server.failNextChunks(count);
        return this;
    }

    /** How many chunks {@link #cutNextUploadChunkAfter} has cut since the start or the last reset. */
    public int uploadCuts() {
        return server.uploadCuts();
    }

    /**
     * Every request made to an upload session, oldest first (the last 10,000): {@code "upload@OFFSET"},
     * {@code "finalize@OFFSET"} (the last chunk), {@code "query"}, {@code "cancel"}.
     */
    public List<String> uploadCommands() {
        return server.uploadCommands();
    }

    /** The lowercase hex SHA-256 of the content stored for {@code name} ({@code files/ID}), computed from the bytes held. */
    public Optional<String> storedSha256(String name) {
        Objects.requireNonNull(name, "name");
        return server.files().get(name.startsWith("files/") ? name.substring("files/".length()) : name)
                .map(io.github.geminiimage.emulator.internal.FileStore.Entry::sha256Hex);
    }

    /**
     * Makes Vertex AI calls with a bearer token pass only with one of {@code tokens} (or of those
     * given before) that was not revoked; any other token gets the 401 {@code UNAUTHENTICATED}
     * Vertex answers for an expired or unknown one. By default, and after a reset, any bearer token
     * passes (or only the {@code apiKey} when one was set). For tests of token handling.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator acceptVertexTokens(String... tokens) {
        List<String> list = List.of(tokens);
        list.forEach(t -> {
            if (t.isBlank()) {
                throw new IllegalArgumentException("tokens: a token must not be blank");
            }
        });
        server.acceptVertexTokens(list);
        return this;
    }

    /**
     * Stops taking {@code token} (given to {@link #acceptVertexTokens}), as Google does once it
     * expired: later calls with it get 401 {@code UNAUTHENTICATED}.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator revokeVertexToken(String token) {
        server.revokeVertexToken(Objects.requireNonNull(token, "token"));
        return this;
    }

    /**
     * Holds the reply of each call refused for its credentials (401, 403, {@code API_KEY_INVALID})
     * until {@code count} such calls have arrived, 20 seconds at most: a test then knows that many
     * calls used a stale token at the same time. A reset releases them.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator holdRefusedCallsUntil(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " is not positive");
        }
        server.holdRefusedCallsUntil(count);
        return this;
    }

    /** The credentials each Vertex AI call carried, oldest first (the last 10,000), without tokens or keys. */
    public List<VertexCall> vertexCalls() {
        return server.vertexCalls();
    }

    /**
     * Sheds the next {@code count} generate calls that ask for the flex tier with a 503
     * {@code UNAVAILABLE}, as the service does when capacity runs short; {@link #reset()} clears it.
     * Every call that names a tier is otherwise served at it: the reply carries the
     * {@code x-gemini-service-tier} header and {@code usageMetadata.trafficType}.
     *
     * @return this emulator, to chain
     */
    public GeminiEmulator shedFlex(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " is negative");
        }
        server.shedFlex(count);
        return this;
    }

    /** The requests received, oldest first (the last 10,000): no image bytes, no keys. */
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** Forgets queued outcomes and rules (both {@link #always} and {@link #rule}), the request log, upload faults, accepted Vertex tokens, every file and every batch job. */
    public void reset() {
        server.reset();
    }

    /**
     * The fake behind generate calls, for scripting beyond outcomes (e.g. {@code when} rules).
     * Its own request list stays empty: read {@link #requests()}.
     */
    public FakeImageGeneration imageGeneration() {
        return server.fake();
    }

    /** The fake that runs batch jobs now, e.g. to make one request fail ({@code failRequest}); replaced by {@link #reset()}. */
    public FakeBatches batches() {
        return server.fakeBatches();
    }

    /** Stops the server and deletes the data folder if the emulator made it. */
    @Override
    public void close() {
        server.close();
        ownedDataDir.ifPresent(GeminiEmulator::deleteTree);
    }

    @Override
    public String toString() {
        return "GeminiEmulator[" + baseUri() + "]";
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    /** Builds and starts a {@link GeminiEmulator}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Optional<String> apiKey = Optional.empty();
        private Path dataDir;
        private long uploadGranularity = 8L * 1024 * 1024;
        private Duration batchPending = Duration.ofSeconds(1);
        private Duration batchRunning = Duration.ofSeconds(2);
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private Optional<String> uploadUrlBase = Optional.empty();

        private Builder() {
        }

        /** The address to listen on (default {@code 127.0.0.1}); anything else exposes it to the network. */
        public Builder host(String value) {
            Objects.requireNonNull(value, "host");
            if (value.isBlank()) {
                throw new IllegalArgumentException("host: must not be blank");
            }
            this.host = value;
            return this;
        }

        /** The port (default 0: any free port). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port: " + value + " is not 0 to 65535");
            }
            this.port = value;
            return this;
        }

        /** The only key accepted; without it, any non-empty key passes. */
        public Builder apiKey(String value) {
            Objects.requireNonNull(value, "apiKey");
            if (value.isBlank()) {
                throw new IllegalArgumentException("apiKey: must not be blank");
            }
            this.apiKey = Optional.of(value);
            return this;
        }

        /** Where uploaded files are kept (default: a temporary folder deleted on close). */
        public Builder dataDir(Path value) {
            this.dataDir = Objects.requireNonNull(value, "dataDir");
            return this;
        }

        /** The chunk granularity of resumable uploads (default 8 MiB, the SDKs' chunk size). */
        public Builder uploadGranularity(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("uploadGranularity: " + bytes + " is not positive");
            }
            this.uploadGranularity = bytes;
            return this;
        }

        /** How long a batch job is {@code PENDING}, then {@code RUNNING} (defaults 1 s and 2 s). */
        public Builder batchTiming(Duration pending, Duration running) {
            Objects.requireNonNull(pending, "pending");
            Objects.requireNonNull(running, "running");
            if (pending.isNegative()) {
                throw new IllegalArgumentException("pending: " + pending + " is negative");
            }
            if (running.isNegative() || running.isZero()) {
                throw new IllegalArgumentException("running: " + running + " is not positive");
            }
            this.batchPending = pending;
            this.batchRunning = running;
            return this;
        }

        /**
         * Hands out upload session URLs on {@code base} (e.g. {@code https://generativelanguage.googleapis.com},
         * as a server behind a proxy may) instead of the host the request named; for testing how a
         * client treats such a URL. By default the request's own host.
         */
        public Builder uploadUrlBase(URI base) {
            Objects.requireNonNull(base, "uploadUrlBase");
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("uploadUrlBase: " + base + " is not an absolute http(s) URL");
            }
            String text = base.toString();
            this.uploadUrlBase = Optional.of(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            return this;
        }

        /** The clock batch jobs follow (default the system clock); a {@code FakeClock} lets a test jump hours ahead. */
        public Builder clock(java.time.Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws UncheckedIOException if the port is taken or the data folder cannot be made
         */
        public GeminiEmulator start() {
            Optional<Path> owned = Optional.empty();
            try {
                Path dir = dataDir;
                if (dir == null) {
                    dir = Files.createTempDirectory("gemini-emulator-");
                    owned = Optional.of(dir);
                } else {
                    Files.createDirectories(dir);
                }
                EmulatorServer server = new EmulatorServer(new EmulatorServer.Config(host, port, apiKey, dir,
                        uploadGranularity, batchPending, batchRunning, clock));
                server.uploadUrlBase(uploadUrlBase);
                return new GeminiEmulator(server, owned);
            } catch (IOException e) {
                owned.ifPresent(GeminiEmulator::deleteTree);
                throw new UncheckedIOException("cannot start the emulator on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
