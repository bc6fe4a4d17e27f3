package io.github.geminiimage.http;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.http.internal.calls.GenerateContent;
import io.github.geminiimage.http.internal.calls.StreamGenerateContent;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.port.StreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 * The {@link ImageGenerationPort} over HTTP, written once for every {@link HttpTransport}: builds
 * the call (URI, headers with the key in exactly one place, a streaming body), sends it through
 * the transport, decodes a 2xx reply, maps anything else to the matching
 * {@link ImageGenerationException}, and retries per {@link RetryPolicy} within one overall
 * deadline. Thread-safe: share one instance per endpoint.
 *
 * <p>A thin facade: the call itself is run by the internal call engine, which every endpoint
 * shares; this class only says what {@code generateContent} sends and how its reply is read.
 *
 * <p>Behaviour worth knowing:
 * <ul>
 *   <li><b>Errors.</b> Mapped in one place from the status and whatever body shape came back
 *       (Google's envelope, proxy envelopes, HTML): 401 and 400 {@code API_KEY_INVALID} are
 *       {@code AuthenticationException}, 403 {@code PermissionDeniedException}, 404
 *       {@code NotFoundException}, 402 and 429 {@code RateLimitedException}, 408 and 5xx
 *       {@code ServerErrorException}, other 4xx {@code InvalidRequestException}, 3xx a
 *       {@code TransportException} (redirects are never followed, and not retried). At most 64 KiB of an error body
 *       is read; the exception keeps a redacted excerpt of at most 300 characters.</li>
 *   <li><b>Before sending.</b> A body longer than {@link HttpOptions#maxRequestBytes()} is refused
 *       with an {@link InvalidRequestException} (0 attempts) before any I/O.</li>
 *   <li><b>Retries.</b> The statuses of {@link RetryPolicy#retryableStatuses()} and broken
 *       connections (refused, reset, closed early, no bytes, malformed HTTP), including a break
 *       while reading a reply body (nothing was delivered yet). Connect and inactivity timeouts are
 *       retried only while the deadline allows; once it has passed the call fails with
 *       {@code GenerationTimeoutException}. Never retried: a per-day quota 429, an interruption or
 *       cancellation, an unknown host, a TLS handshake or certificate failure, a malformed or too
 *       large reply (a body labelled gzip that is not, or whose gzip stream is cut short, is
 *       malformed), a failure of the request body itself. {@link ImageGenerationException#isRetryable()}
 *       says the same: a {@code TransportException} is retryable only for a broken connection. A server hint ({@code Retry-After-Ms},
 *       {@code Retry-After}, {@code RetryInfo.retryDelay}) replaces the computed backoff when it is
 *       at most {@link RetryPolicy#maxServerDelay()}; a longer hint, or any wait that would reach
 *       the deadline, ends the call at once with the last error (a {@code RateLimitedException}
 *       keeps the server's delay). Every exception reports the attempts made.</li>
 *   <li><b>Interruption.</b> Interrupting a thread blocked in {@link #generate} (in the transport or
 *       in the wait between attempts) aborts the call with a {@link TransportException} "the call
 *       was interrupted"; the interrupt flag stays set. It is not a timeout: nothing timed out.</li>
 *   <li><b>Async.</b> {@link #generateAsync} never blocks the caller and never sleeps on a thread:
 *       retries and the overall deadline are timers on a scheduler, and reply bodies are read on a
 *       worker thread, not on the transport's. Cancelling the returned future cancels the
 *       exchange in flight, closes its response and drops any scheduled retry.</li>
 *   <li><b>Closing.</b> {@link #close()} fails calls in flight and later calls with a
 *       {@link TransportException} "closed", shuts down the threads it created, and closes the
 *       transport only if it was handed over ({@code ownsTransport}). Idempotent.</li>
 *   <li><b>Replies.</b> A {@code Content-Encoding} of gzip or deflate is inflated here, never by the
 *       transport; the cap {@link HttpOptions#maxResponseBytes()} applies to the inflated bytes.</li>
 *   <li><b>Secrets.</b> The key appears only in the one place its {@link AuthScheme} puts it (an
 *       access token only in {@code Authorization}), marked sensitive for the transport; never
 *       in an exception, a log line or a {@code toString}. Logging (retries, at DEBUG) goes through
 *       {@link System.Logger} and names the model, the attempt and the status only.</li>
 * </ul>
 */
public final class HttpImageGeneration implements ImageGenerationPort {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpTransport transport;
    private final HttpOptions options;
    private final Credentials credentials;
    private final CallEngine engine;
    private final Executor readers;

    /** Waits between attempts of a blocking call; replaceable so that tests cost no wall time. */
    @FunctionalInterface
    public interface Sleeper {

        /** Sleeps on the current thread. */
        Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

        /**
         * Waits for {@code duration}.
         *
         * @throws InterruptedException if the thread is interrupted while waiting
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private HttpImageGeneration(Builder b) {
        this.transport = b.transport;
        this.options = b.options;
        this.credentials = b.credentials != null ? b.credentials : Credentials.apiKey(b.apiKey, options.authScheme());
        Random random = b.random;
        DoubleSupplier jitter = random == null ? () -> ThreadLocalRandom.current().nextDouble() : random::nextDouble;
        ScheduledExecutorService timer;
        Executor readers;
        Runnable shutdown;
        if (b.executor != null) {
            timer = b.executor;
            readers = b.executor;
            shutdown = () -> { };
        } else {
            // Threads start on the first call only; both pools are daemon and named, and close() stops them.
            int id = INSTANCES.incrementAndGet();
            ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1,
                    TransportSupport.daemonThreads("gemini-image-http-" + id + "-timer"));
            timerPool.setRemoveOnCancelPolicy(true);
            ThreadPoolExecutor readerPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), TransportSupport.daemonThreads("gemini-image-http-" + id + "-reader"));
            timer = timerPool;
            readers = readerPool;
            List<ExecutorService> owned = List.of(timerPool, readerPool);
            shutdown = () -> owned.forEach(ExecutorService::shutdownNow);
        }
        this.readers = readers;
        Sleeper sleeper = b.sleeper;
        this.engine = new CallEngine("HttpImageGeneration", transport, credentials, options, b.ownsTransport, b.clock,
                sleeper::sleep, timer, readers, shutdown, jitter);
    }

    /**
     * The port over {@code transport}.
     *
     * @param ownsTransport whether {@link #close()} closes the transport too (false for a transport
     *     the caller shares and closes itself)
     */
    public static HttpImageGeneration create(HttpTransport transport, ApiKey apiKey, HttpOptions options,
            boolean ownsTransport) {
        return builder(transport, apiKey).options(options).ownsTransport(ownsTransport).build();
    }

    /** A builder over {@code transport} with the default options; the transport is not owned unless said. */
    public static Builder builder(HttpTransport transport, ApiKey apiKey) {
        return new Builder(transport, Objects.requireNonNull(apiKey, "apiKey"), null);
    }

    /**
     * A builder over {@code transport} with other credentials, e.g. access tokens for Vertex AI
     * ({@link HttpOptions.Builder#endpoint(Endpoint)}); {@link HttpOptions#authScheme()} is then ignored.
     */
    public static Builder builder(HttpTransport transport, Credentials credentials) {
        return new Builder(transport, null, Objects.requireNonNull(credentials, "credentials"));
    }

    /** The options in use. */
    public HttpOptions options() {
        return options;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.execute(GenerateContent.exchange(request, options.endpoint(), options.maxRequestBytes()));
    }

    /**
     * Streams through {@code streamGenerateContent?alt=sse}; returns once the first event arrived.
     * Everything before it is retried like {@link #generate} (statuses, broken connections, an
     * error event first); after it nothing is. The inactivity timeout applies between events, the
     * overall deadline to the whole stream; closing the stream aborts the exchange.
     */
    @Override
    public GenerationStream stream(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.execute(StreamGenerateContent.exchange(request, options.endpoint(), options.maxRequestBytes()));
    }

    /**
     * Streams without blocking the caller: the exchange runs as {@link #generateAsync} does, and
     * the events are read and handed to {@code listener} on one of the port's reader threads (or
     * the lent executor's), which the stream occupies until it ends. Cancelling the future aborts
     * the exchange.
     */
    @Override
    public CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        return StreamGenerateContent.deliver(engine.executeAsync(StreamGenerateContent.exchange(request,
                options.endpoint(), options.maxRequestBytes())), listener, readers);
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.executeAsync(GenerateContent.exchange(request, options.endpoint(), options.maxRequestBytes()));
    }

    /** Fails calls in flight, stops the threads this port created and closes an owned transport. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "HttpImageGeneration[" + options.endpoint().baseUri() + ", auth=" + credentials.scheme().map(Object::toString)
                .orElse("access tokens") + ", transport=" + transport.getClass().getSimpleName()
                + (engine.isClosed() ? ", closed" : "") + "]";
    }

    /**
     * Builds an {@link HttpImageGeneration}. The time source, sleeper, random source and scheduler
     * are there so tests run without wall time; production code leaves them alone. Not thread-safe.
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

        private Builder(HttpTransport transport, ApiKey apiKey, Credentials credentials) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.apiKey = apiKey;
            this.credentials = credentials;
        }

        /** The options (default {@link HttpOptions#defaults()}). */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Whether {@link HttpImageGeneration#close()} also closes the transport (default false). */
        public Builder ownsTransport(boolean owns) {
            this.ownsTransport = owns;
            return this;
        }

        /** The time source for deadlines, {@code Retry-After} dates and durations (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How blocking calls wait between attempts (default {@link Sleeper#SYSTEM}). */
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
         * A scheduler lent by the caller for async calls: it runs retry and deadline timers and
         * reads reply bodies (so give it more than one thread). Not shut down by
         * {@link HttpImageGeneration#close()}. By default the port creates its own daemon threads.
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Builds the port. */
        public HttpImageGeneration build() {
            return new HttpImageGeneration(this);
        }
    }
}
