package io.github.geminiimage.http;

import io.github.geminiimage.domain.batch.BatchAwait;
import io.github.geminiimage.domain.poll.Sleeper;
import io.github.geminiimage.http.internal.calls.batches.BatchLines;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.http.internal.engine.EngineThreads;
import io.github.geminiimage.port.GeminiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The {@link GeminiClient} over HTTP, written once for every {@link HttpTransport}: one transport,
 * one set of credentials, one timer and one reader pool, and one call engine that runs every call
 * of its three views ({@link HttpImageGeneration}, {@link HttpFiles}, {@link HttpBatches}). The
 * adapters build one ({@code JdkHttpGeminiClient.builder()}); this builder is the SPI level.
 *
 * <p>Errors are mapped in one place, from the status and at most 64 KiB of the body, as the README's
 * table ("Errors") says; redirects are never followed. Calls are retried per {@link RetryPolicy}
 * within one {@link HttpOptions#overallDeadline()}. The threads (one timer, readers as needed;
 * daemon, named) start on first use. The key appears only where its {@link AuthScheme} puts it,
 * marked sensitive; never in an exception, a log line or a {@code toString}.
 */
public final class HttpGeminiClient implements GeminiClient {

    final HttpTransport transport;
    final HttpOptions options;
    final Credentials credentials;
    final CallEngine engine;
    final Driver blocking;
    final Driver async;
    final long chunkSize;
    final Duration pollInterval;
    final Duration maxBatchPollInterval;
    /** Batch lines, through the public codec; its cap limits one response. */
    final BatchLines codec = new BatchLines();
    /** How long a batch submit waits for its uploaded input file to be {@code ACTIVE}. */
    final Duration fileActiveTimeout = Duration.ofMinutes(10);
    private final HttpImageGeneration images;
    private final HttpFiles files;
    private final HttpBatches batches;

    private HttpGeminiClient(Builder b) {
        this.transport = b.transport;
        this.options = b.options;
        this.chunkSize = b.chunkSize;
        this.pollInterval = b.pollInterval;
        this.maxBatchPollInterval = b.maxBatchPollInterval;
        this.credentials = b.credentials != null ? b.credentials : Credentials.apiKey(b.apiKey, options.authScheme());
        DoubleSupplier jitter = b.random == null ? () -> ThreadLocalRandom.current().nextDouble() : b.random::nextDouble;
        EngineThreads threads = b.executor == null ? EngineThreads.own("gemini-image-http") : EngineThreads.lent(b.executor);
        this.engine = new CallEngine("HttpGeminiClient", transport, credentials, options, b.ownsTransport, b.clock,
                b.sleeper, threads.timer(), threads.readers(), threads.shutdown(), jitter);
        this.blocking = Driver.blocking(engine);
        this.async = Driver.async(engine);
        this.images = new HttpImageGeneration(this, false);
        this.files = new HttpFiles(this);
        this.batches = new HttpBatches(this);
    }

    /** A builder over {@code transport} sending {@code apiKey} as {@link HttpOptions#authScheme()} says. */
    public static Builder builder(HttpTransport transport, ApiKey apiKey) {
        return new Builder(transport, Objects.requireNonNull(apiKey, "apiKey"), null);
    }

    /** A builder over {@code transport} with other credentials, e.g. access tokens for Vertex AI. */
    public static Builder builder(HttpTransport transport, Credentials credentials) {
        return new Builder(transport, null, Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public HttpImageGeneration images() {
        return images;
    }

    @Override
    public HttpFiles files() {
        return files;
    }

    @Override
    public HttpBatches batches() {
        return batches;
    }

    /** An images view whose {@code close()} closes this client: the adapters' images-only shortcut. */
    HttpImageGeneration imagesOnly() {
        return new HttpImageGeneration(this, true);
    }

    /** The options in use. */
    public HttpOptions options() {
        return options;
    }

    /**
     * Fails calls in flight and later calls with a {@code TransportException} "closed", stops the
     * threads this client created and closes an owned transport. The views' own {@code close()} does
     * nothing. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "HttpGeminiClient[" + options.endpoint().baseUri() + ", auth=" + credentials.scheme().map(Object::toString)
                .orElse("access tokens") + ", transport=" + transport.getClass().getSimpleName()
                + (engine.isClosed() ? ", closed" : "") + "]";
    }

    /** Builds an {@link HttpGeminiClient}; the clock, sleeper, random source and executor are for tests. Not thread-safe. */
    public static final class Builder {
        private final HttpTransport transport;
        private final ApiKey apiKey;
        private final Credentials credentials;
        private HttpOptions options = HttpOptions.defaults();
        private boolean ownsTransport;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Random random;
        private ScheduledExecutorService executor;
        private long chunkSize = 8L * 1024 * 1024;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration maxBatchPollInterval = BatchAwait.MAX_INTERVAL;

        private Builder(HttpTransport transport, ApiKey apiKey, Credentials credentials) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.apiKey = apiKey;
            this.credentials = credentials;
        }

        /** The options (default {@link HttpOptions#defaults()}): endpoint, timeouts, retries, caps, observer. */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Whether {@link HttpGeminiClient#close()} also closes the transport (default false: it was lent). */
        public Builder ownsTransport(boolean owns) {
            this.ownsTransport = owns;
            return this;
        }

        /** The time source of deadlines, {@code Retry-After} dates and polls (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How blocking calls and flows wait (default {@link Sleeper#SYSTEM}); async calls wait on the
         * timer instead, with no thread parked per call. Cancelling a future cancels the exchange and
         * the wait; interrupting a blocked thread ends its call with "the call was interrupted".
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The random source of the backoff jitter (default {@link ThreadLocalRandom}). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** A scheduler lent for timers, reading replies and flows' blocking steps (more than one thread); not shut down by close. */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The upload chunk size wanted (default 8 MiB), rounded down to the server's granularity; chunks are streamed. */
        public Builder chunkSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunkSize must be positive; got " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /** The wait after {@code awaitActive}'s first poll (default 1 s); later waits grow by half, up to 5 s. */
        public Builder pollInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("pollInterval must be positive; got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * The longest wait between two polls of a batch job's state (default 2 minutes); the first wait
         * is 10 s, or this if shorter. A test against a fast local server sets it low.
         */
        public Builder maxBatchPollInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("maxBatchPollInterval must be positive; got " + interval);
            }
            this.maxBatchPollInterval = interval;
            return this;
        }

        /** Builds the client. */
        public HttpGeminiClient build() {
            return new HttpGeminiClient(this);
        }
    }
}
