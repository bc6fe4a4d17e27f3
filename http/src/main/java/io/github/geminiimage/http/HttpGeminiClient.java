package io.github.geminiimage.http;

import io.github.geminiimage.domain.poll.Sleeper;
import io.github.geminiimage.http.batch.BatchLineCodec;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.port.GeminiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The {@link GeminiClient} over HTTP, written once for every {@link HttpTransport}: one transport,
 * one set of credentials, one timer and one reader pool, and one call engine that runs every call
 * of its three views ({@link HttpImageGeneration}, {@link HttpFiles}, {@link HttpBatches}). What
 * differs between calls (a batch create sent once, an upload chunk sent once inside the resumable
 * flow, a results download without the reply cap) travels on each call, not in a second engine.
 * The adapters build one ({@code JdkHttpGeminiClient.builder()}); this builder is the SPI level.
 *
 * <ul>
 *   <li><b>Errors.</b> Mapped in one place from the status and whatever body came back: 401 and 400
 *       {@code API_KEY_INVALID} {@code AuthenticationException}, 403 {@code PermissionDeniedException},
 *       404 {@code NotFoundException}, 402 and 429 {@code RateLimitedException}, 408 and 5xx
 *       {@code ServerErrorException}, other 4xx {@code InvalidRequestException}, 3xx a
 *       {@code TransportException} (redirects are never followed). At most 64 KiB of an error body
 *       is read; the exception keeps a redacted excerpt of at most 300 characters.</li>
 *   <li><b>Retries</b> per {@link RetryPolicy} within one {@link HttpOptions#overallDeadline()}:
 *       its statuses and broken connections; timeouts only while the deadline allows. Never: a
 *       per-day quota, an interruption or cancellation, an unknown host, a TLS failure, a malformed
 *       or too large reply, a failure of the request body. A server hint replaces the backoff up to
 *       {@link RetryPolicy#maxServerDelay()}. Every exception reports the attempts made.</li>
 *   <li><b>Waiting</b> is done one way: blocking calls wait with the {@link Sleeper}, async calls and
 *       flows on the timer, so no thread is parked per async call. Cancelling a future cancels the
 *       exchange in flight and any scheduled wait. Interrupting a blocked thread ends its call with a
 *       {@code TransportException} "the call was interrupted"; the interrupt flag stays set.</li>
 *   <li><b>Threads</b> start on first use (one timer, readers as needed, all daemon and named) and
 *       are shared by the three views.</li>
 *   <li><b>Closing</b> fails calls in flight and later calls with a {@code TransportException}
 *       "closed", stops the threads and closes the transport if owned. The views' own
 *       {@code close()} does nothing. Idempotent.</li>
 *   <li><b>Secrets.</b> The key appears only where its {@link AuthScheme} puts it, marked sensitive;
 *       never in an exception, a log line or a {@code toString}.</li>
 * </ul>
 */
public final class HttpGeminiClient implements GeminiClient {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final HttpTransport transport;
    final HttpOptions options;
    final Credentials credentials;
    final CallEngine engine;
    final Driver blocking;
    final Driver async;
    final long chunkSize;
    final Duration pollInterval;
    final BatchLineCodec codec;
    final Duration fileActiveTimeout;
    private final HttpImageGeneration images;
    private final HttpFiles files;
    private final HttpBatches batches;

    private HttpGeminiClient(Builder b) {
        this.transport = b.transport;
        this.options = b.options;
        this.chunkSize = b.chunkSize;
        this.pollInterval = b.pollInterval;
        this.codec = b.codec;
        this.fileActiveTimeout = b.fileActiveTimeout;
        this.credentials = b.credentials != null ? b.credentials : Credentials.apiKey(b.apiKey, options.authScheme());
        DoubleSupplier jitter = b.random == null ? () -> ThreadLocalRandom.current().nextDouble() : b.random::nextDouble;
        ScheduledExecutorService timer = b.executor;
        ExecutorService readers = b.executor;
        Runnable shutdown = () -> { };
        if (b.executor == null) {
            int id = INSTANCES.incrementAndGet();
            ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1,
                    TransportSupport.daemonThreads("gemini-image-http-" + id + "-timer"));
            timerPool.setRemoveOnCancelPolicy(true);
            timer = timerPool;
            readers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    TransportSupport.daemonThreads("gemini-image-http-" + id + "-reader"));
            List<ExecutorService> owned = List.of(timerPool, readers);
            shutdown = () -> owned.forEach(ExecutorService::shutdownNow);
        }
        this.engine = new CallEngine("HttpGeminiClient", transport, credentials, options, b.ownsTransport, b.clock,
                b.sleeper, timer, readers, shutdown, jitter);
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

    /** An images view whose {@code close()} closes this client: for a client built for image generation only. */
    HttpImageGeneration imagesOnly() {
        return new HttpImageGeneration(this, true);
    }

    /** The options in use. */
    public HttpOptions options() {
        return options;
    }

    /** Fails calls in flight, stops the threads this client created and closes an owned transport. Idempotent. */
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

    /**
     * Builds an {@link HttpGeminiClient}. The clock, sleeper, random source and executor are there so
     * tests run without wall time; production code leaves them alone. Not thread-safe.
     */
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
        private BatchLineCodec codec = BatchLineCodec.create();
        private Duration fileActiveTimeout = Duration.ofMinutes(10);

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

        /** How blocking calls and flows wait (default {@link Sleeper#SYSTEM}); async ones use its timer form. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The random source of the backoff jitter (default {@link ThreadLocalRandom}). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * A scheduler lent for async calls: timers, reading replies, blocking steps of flows (so give
         * it more than one thread). Not shut down by close. By default the client makes its own.
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The upload chunk size wanted (default 8 MiB), rounded down to the server's granularity and
         * at least one granule. Memory does not depend on it: chunks are streamed.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder chunkSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunkSize must be positive; got " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * The wait after {@code awaitActive}'s first poll (default 1 s); later waits grow by half, up to 5 s.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("pollInterval must be positive; got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** The codec of batch lines (default {@link BatchLineCodec#create()}; its cap limits one response). */
        public Builder batchCodec(BatchLineCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** How long a batch submit waits for its uploaded input file to be {@code ACTIVE} (default 10 minutes). */
        public Builder fileActiveTimeout(Duration timeout) {
            this.fileActiveTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Builds the client. */
        public HttpGeminiClient build() {
            return new HttpGeminiClient(this);
        }
    }
}
