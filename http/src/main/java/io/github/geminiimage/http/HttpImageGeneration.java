package io.github.geminiimage.http;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.GenerationTimeoutException;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.NotFoundException;
import io.github.geminiimage.domain.QuotaScope;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.http.internal.engine.CountingInputStream;
import io.github.geminiimage.http.internal.engine.CountingRequestBody;
import io.github.geminiimage.http.internal.error.ErrorMapper;
import io.github.geminiimage.http.internal.error.Exceptions;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import io.github.geminiimage.http.internal.error.Redactor;
import io.github.geminiimage.http.internal.codec.ReplyDecoder;
import io.github.geminiimage.http.internal.codec.RequestEncoder;
import io.github.geminiimage.http.internal.retry.RetryDecider;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The {@link ImageGenerationPort} over HTTP, written once for every {@link HttpTransport}: builds
 * the call (URI, headers with the key in exactly one place, a streaming body), sends it through
 * the transport, decodes a 2xx reply, maps anything else to the matching
 * {@link ImageGenerationException}, and retries per {@link RetryPolicy} within one overall
 * deadline. Thread-safe: share one instance per endpoint.
 *
 * <p>Behaviour worth knowing:
 * <ul>
 *   <li><b>Errors.</b> Mapped in one place from the status and whatever body shape came back
 *       (Google's envelope, proxy envelopes, HTML): 401 and 400 {@code API_KEY_INVALID} are
 *       {@code AuthenticationException}, 403 {@code PermissionDeniedException}, 404
 *       {@code NotFoundException}, 402 and 429 {@code RateLimitedException}, 408 and 5xx
 *       {@code ServerErrorException}, other 4xx {@code InvalidRequestException}, 3xx a
 *       {@code TransportException} (redirects are never followed). At most 64 KiB of an error body
 *       is read; the exception keeps a redacted excerpt of at most 300 characters.</li>
 *   <li><b>Before sending.</b> A body longer than {@link HttpOptions#maxRequestBytes()} is refused
 *       with an {@link InvalidRequestException} (0 attempts) before any I/O.</li>
 *   <li><b>Retries.</b> The statuses of {@link RetryPolicy#retryableStatuses()} and broken
 *       connections (refused, reset, closed early, no bytes, malformed HTTP), including a break
 *       while reading a reply body (nothing was delivered yet). Connect and inactivity timeouts are
 *       retried only while the deadline allows; once it has passed the call fails with
 *       {@code GenerationTimeoutException}. Never retried: a per-day quota 429, an interruption or
 *       cancellation, an unknown host, a TLS handshake or certificate failure, a malformed or too
 *       large reply, a failure of the request body itself. A server hint ({@code Retry-After-Ms},
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
 *   <li><b>Secrets.</b> The key appears only in the one place its {@link AuthScheme} puts it; never
 *       in an exception, a log line or a {@code toString}. Logging (retries, at DEBUG) goes through
 *       {@link System.Logger} and names the model, the attempt and the status only.</li>
 * </ul>
 */
public final class HttpImageGeneration implements ImageGenerationPort {

    private static final System.Logger LOG = System.getLogger(HttpImageGeneration.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration MAX_DEADLINE = Duration.ofDays(36_500);

    private final HttpTransport transport;
    private final ApiKey apiKey;
    private final HttpOptions options;
    private final boolean ownsTransport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ScheduledExecutorService timer;
    private final Executor readers;
    private final List<ExecutorService> ownedExecutors;
    private final SafeObserver observer;
    private final Redactor redactor;
    private final RetryDecider decider;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<AsyncCall> asyncCalls = ConcurrentHashMap.newKeySet();

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
        this.apiKey = b.apiKey;
        this.options = b.options;
        this.ownsTransport = b.ownsTransport;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.observer = new SafeObserver(options.observer());
        this.redactor = new Redactor(apiKey.reveal());
        Random random = b.random;
        DoubleSupplier jitter = random == null ? () -> ThreadLocalRandom.current().nextDouble() : random::nextDouble;
        this.decider = new RetryDecider(options.retryPolicy(), jitter);
        if (b.executor != null) {
            this.timer = b.executor;
            this.readers = b.executor;
            this.ownedExecutors = List.of();
        } else {
            // Threads start on the first async call only; both pools are daemon and named, and close() stops them.
            int id = INSTANCES.incrementAndGet();
            ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, daemon("gemini-image-http-" + id + "-timer"));
            timerPool.setRemoveOnCancelPolicy(true);
            ThreadPoolExecutor readerPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemon("gemini-image-http-" + id + "-reader"));
            this.timer = timerPool;
            this.readers = readerPool;
            this.ownedExecutors = List.of(timerPool, readerPool);
        }
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
        return new Builder(transport, apiKey);
    }

    /** The options in use. */
    public HttpOptions options() {
        return options;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        Call call = prepare(request);
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw finish(call, interrupted(call, null));
            }
            call.attempts++;
            observer.attemptStarted(call.modelId, call.attempts);
            Attempt attempt;
            try {
                HttpResponse response = transport.send(call.httpRequest);
                attempt = read(call, response, false);
            } catch (IOException | RuntimeException e) {
                attempt = Attempt.failed(classify(call, e, Thread.currentThread().isInterrupted()));
            }
            if (attempt.result != null) {
                finish(call, attempt.result);
                return attempt.result;
            }
            RetryDecider.Decision decision = decide(call, attempt.failure);
            if (decision instanceof RetryDecider.GiveUp giveUp) {
                throw finish(call, giveUp.exception());
            }
            Duration delay = ((RetryDecider.Retry) decision).delay();
            retryScheduled(call, delay, attempt.failure.exception());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw finish(call, interrupted(call, e));
            }
            if (closed.get()) {
                throw finish(call, closedException(call.attempts));
            }
        }
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        Call call;
        try {
            call = prepare(request);
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return new AsyncCall(call).start();
    }

    /** Fails calls in flight, stops the threads this port created and closes an owned transport. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AsyncCall call : List.copyOf(asyncCalls)) {
            call.fail(closedException(call.call.attempts));
        }
        for (ExecutorService executor : ownedExecutors) {
            executor.shutdownNow();
        }
        if (ownsTransport) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the transport failed: " + e.getClass().getName());
            }
        }
    }

    @Override
    public String toString() {
        return "HttpImageGeneration[" + options.baseUri() + ", auth=" + options.authScheme() + ", transport="
                + transport.getClass().getSimpleName() + (closed.get() ? ", closed" : "") + "]";
    }

    // ---- one call ----------------------------------------------------------------------------

    /** The state of one call across its attempts. */
    private static final class Call {
        final String modelId;
        final boolean retiredModel;
        final Optional<String> replacement;
        final HttpRequest httpRequest;
        final CountingRequestBody body;
        final Instant start;
        final Instant deadline;
        final AtomicLong received = new AtomicLong();
        volatile int attempts;
        volatile int lastStatus;

        Call(GenerationRequest request, HttpRequest httpRequest, CountingRequestBody body, Instant start, Instant deadline) {
            this.modelId = request.model().id();
            this.retiredModel = request.model().isRetired();
            this.replacement = request.model().replacedBy();
            this.httpRequest = httpRequest;
            this.body = body;
            this.start = start;
            this.deadline = deadline;
        }
    }

    /** The outcome of one attempt: a result or a failure. */
    private static final class Attempt {
        final GenerationResult result;
        final RetryDecider.Failure failure;

        private Attempt(GenerationResult result, RetryDecider.Failure failure) {
            this.result = result;
            this.failure = failure;
        }

        static Attempt succeeded(GenerationResult result) {
            return new Attempt(result, null);
        }

        static Attempt failed(RetryDecider.Failure failure) {
            return new Attempt(null, failure);
        }
    }

    private Call prepare(GenerationRequest request) {
        Instant start = clock.instant();
        if (closed.get()) {
            throw closedException(0);
        }
        RequestBody encoded;
        try {
            encoded = RequestEncoder.encode(request);
            if (encoded.contentLength() > options.maxRequestBytes()) {
                throw new InvalidRequestException("request", "a body of " + encoded.contentLength() + " bytes",
                        "at most " + options.maxRequestBytes() + " bytes (HttpOptions.maxRequestBytes)");
            }
        } catch (ImageGenerationException e) {
            observer.callCompleted(request.model().id(), 0, 0, 0, 0, Duration.between(start, clock.instant()), Usage.NONE, e);
            throw e;
        }
        CountingRequestBody body = new CountingRequestBody(encoded);
        // A deadline of centuries means "none"; capping it keeps instants and timer nanos from overflowing.
        Duration budget = options.overallDeadline().compareTo(MAX_DEADLINE) > 0 ? MAX_DEADLINE : options.overallDeadline();
        Instant deadline = start.plus(budget);
        return new Call(request, new HttpRequest(uri(request.model().id()), headers(), body, deadline), body, start, deadline);
    }

    private URI uri(String modelId) {
        URI uri = options.generateContentUri(modelId);
        if (options.authScheme() == AuthScheme.QUERY_PARAMETER) {
            return URI.create(uri + "?key=" + URLEncoder.encode(apiKey.reveal(), StandardCharsets.UTF_8));
        }
        return uri;
    }

    private List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        headers.add(Map.entry("Accept", "application/json"));
        headers.add(Map.entry("User-Agent", options.userAgent()));
        switch (options.authScheme()) {
            case GOOGLE_API_KEY_HEADER -> headers.add(Map.entry("x-goog-api-key", apiKey.reveal()));
            case BEARER -> headers.add(Map.entry("Authorization", "Bearer " + apiKey.reveal()));
            case RAW_AUTHORIZATION -> headers.add(Map.entry("Authorization", apiKey.reveal()));
            case QUERY_PARAMETER -> {
                // the key is on the URI
            }
        }
        headers.addAll(options.extraHeaders());
        return headers;
    }

    /** Reads one reply to its end (a result or a mapped error) and closes it on every path. */
    private Attempt read(Call call, HttpResponse response, boolean async) {
        try {
            int status = response.statusCode();
            call.lastStatus = status;
            if (status >= 200 && status < 300) {
                GenerationResult result = ReplyDecoder.decode(new CountingInputStream(response.body(), call.received),
                        response.contentLength(), options.maxResponseBytes());
                return Attempt.succeeded(result);
            }
            byte[] body = ErrorMapper.readBounded(new CountingInputStream(response.body(), call.received),
                    ErrorMapper.MAX_ERROR_BODY_BYTES);
            ErrorMapper.Mapped mapped = ErrorMapper.map(status, response::header, body, redactor, call.attempts, clock.instant());
            boolean retryable = options.retryPolicy().retryableStatuses().contains(status)
                    && mapped.quotaScope() != QuotaScope.PER_DAY;
            ImageGenerationException exception = mapped.exception();
            if (exception instanceof NotFoundException && call.retiredModel) {
                exception = Exceptions.withMessage(exception, exception.getMessage() + " (model " + call.modelId
                        + " is retired" + call.replacement.map(r -> "; use " + r).orElse("") + ")");
            }
            return Attempt.failed(new RetryDecider.Failure(exception, retryable, mapped.retryHint()));
        } catch (ImageGenerationException e) {
            // The decoder's own verdict (malformed, too large): retrying would get the same reply.
            return Attempt.failed(new RetryDecider.Failure(Exceptions.redacted(e, redactor, call.attempts), false, Optional.empty()));
        } catch (IOException | RuntimeException e) {
            return Attempt.failed(classify(call, e, !async && Thread.currentThread().isInterrupted()));
        } finally {
            closeQuietly(response);
        }
    }

    private RetryDecider.Failure classify(Call call, Throwable failure, boolean interrupted) {
        boolean deadlinePassed = !clock.instant().isBefore(call.deadline);
        FailureClassifier.Classified c = FailureClassifier.classify(failure, call.attempts, interrupted, deadlinePassed,
                options.overallDeadline(), redactor);
        boolean retryable = c.kind() == FailureClassifier.Kind.CONNECTION
                || c.kind() == FailureClassifier.Kind.TIMEOUT && !deadlinePassed;
        return new RetryDecider.Failure(c.exception(), retryable, Optional.empty());
    }

    private RetryDecider.Decision decide(Call call, RetryDecider.Failure failure) {
        if (closed.get()) {
            return new RetryDecider.GiveUp(closedException(call.attempts));
        }
        return decider.decide(failure, call.attempts, clock.instant(), call.deadline);
    }

    private void retryScheduled(Call call, Duration delay, ImageGenerationException cause) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "attempt " + call.attempts + " to " + call.modelId + " failed ("
                    + cause.getClass().getSimpleName() + cause.httpStatus().stream().mapToObj(s -> ", HTTP " + s).findFirst().orElse("")
                    + "); retrying in " + delay);
        }
        observer.retryScheduled(call.modelId, call.attempts + 1, delay, cause);
    }

    private void finish(Call call, GenerationResult result) {
        observer.callCompleted(call.modelId, call.attempts, call.lastStatus, call.body.bytesWritten(), call.received.get(),
                Duration.between(call.start, clock.instant()), result.usage(), null);
    }

    private ImageGenerationException finish(Call call, ImageGenerationException failure) {
        observer.callCompleted(call.modelId, call.attempts, call.lastStatus, call.body.bytesWritten(), call.received.get(),
                Duration.between(call.start, clock.instant()), Usage.NONE, failure);
        return failure;
    }

    private static TransportException interrupted(Call call, Throwable cause) {
        return new TransportException("the call was interrupted", ErrorDetails.ofAttempts(call.attempts), cause);
    }

    private static TransportException closedException(int attempts) {
        return new TransportException("closed: this HttpImageGeneration was closed", ErrorDetails.ofAttempts(attempts));
    }

    private static void closeQuietly(HttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (RuntimeException e) {
            // Closing only releases the exchange; a failure here changes nothing for the caller.
        }
    }

    // ---- async -------------------------------------------------------------------------------

    /**
     * One asynchronous call: a chain of attempts driven by the transport's futures and timers on
     * the scheduler. Every field that cancellation must reach is guarded by {@code lock}.
     */
    private final class AsyncCall {
        final Call call;
        final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
        private final Object lock = new Object();
        private CompletableFuture<HttpResponse> inFlight;
        private HttpResponse response;
        private ScheduledFuture<?> retryTask;
        private ScheduledFuture<?> deadlineTask;

        AsyncCall(Call call) {
            this.call = call;
        }

        CompletableFuture<GenerationResult> start() {
            asyncCalls.add(this);
            result.whenComplete(this::completed);
            if (closed.get()) {
                fail(closedException(0));
                return result;
            }
            try {
                long nanos = Math.max(0, Duration.between(clock.instant(), call.deadline).toNanos());
                ScheduledFuture<?> task = timer.schedule(this::deadlineReached, nanos, TimeUnit.NANOSECONDS);
                synchronized (lock) {
                    if (result.isDone()) {
                        task.cancel(false);
                        return result;
                    }
                    deadlineTask = task;
                }
            } catch (RejectedExecutionException e) {
                fail(closedException(0));
                return result;
            }
            attempt();
            return result;
        }

        private void attempt() {
            synchronized (lock) {
                if (result.isDone()) {
                    return;
                }
                retryTask = null;
                call.attempts++;
            }
            observer.attemptStarted(call.modelId, call.attempts);
            CompletableFuture<HttpResponse> future;
            try {
                future = Objects.requireNonNull(transport.sendAsync(call.httpRequest), "sendAsync returned null");
            } catch (RuntimeException e) {
                failed(classify(call, e, false));
                return;
            }
            synchronized (lock) {
                if (result.isDone()) {
                    abort(future);
                    return;
                }
                inFlight = future;
            }
            future.whenComplete(this::responded);
        }

        private void responded(HttpResponse reply, Throwable failure) {
            synchronized (lock) {
                inFlight = null;
                if (result.isDone()) {
                    closeQuietly(reply);
                    return;
                }
                response = reply;
            }
            if (failure != null || reply == null) {
                failed(classify(call, failure == null ? new IOException("the transport gave no response") : failure, false));
                return;
            }
            try {
                // Reading a body blocks: never on the transport's own thread.
                readers.execute(() -> readReply(reply));
            } catch (RejectedExecutionException e) {
                closeQuietly(reply);
                fail(closedException(call.attempts));
            }
        }

        private void readReply(HttpResponse reply) {
            Attempt attempt;
            try {
                attempt = read(call, reply, true);
            } catch (Error e) {
                // Not ours to handle, but the caller's future must not hang until the deadline.
                result.completeExceptionally(e);
                throw e;
            }
            synchronized (lock) {
                if (response == reply) {
                    response = null;
                }
            }
            if (attempt.result != null) {
                result.complete(attempt.result);
            } else {
                failed(attempt.failure);
            }
        }

        private void failed(RetryDecider.Failure failure) {
            if (result.isDone()) {
                return;
            }
            RetryDecider.Decision decision = decide(call, failure);
            if (decision instanceof RetryDecider.GiveUp giveUp) {
                fail(giveUp.exception());
                return;
            }
            Duration delay = ((RetryDecider.Retry) decision).delay();
            retryScheduled(call, delay, failure.exception());
            synchronized (lock) {
                if (result.isDone()) {
                    return;
                }
                try {
                    retryTask = timer.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
                    return;
                } catch (RejectedExecutionException e) {
                    // closed meanwhile: fall through to fail outside the lock
                }
            }
            fail(closedException(call.attempts));
        }

        private void deadlineReached() {
            fail(new GenerationTimeoutException("the call did not finish within its overall deadline of "
                    + options.overallDeadline(), new ErrorDetails(call.lastStatus, Optional.empty(), Optional.empty(),
                            call.attempts, Optional.empty())));
        }

        void fail(ImageGenerationException e) {
            result.completeExceptionally(e);
        }

        /** Runs once, however the future completed (result, failure, cancellation by the caller). */
        private void completed(GenerationResult value, Throwable failure) {
            asyncCalls.remove(this);
            CompletableFuture<HttpResponse> future;
            HttpResponse reply;
            ScheduledFuture<?> retry;
            ScheduledFuture<?> deadline;
            synchronized (lock) {
                future = inFlight;
                reply = response;
                retry = retryTask;
                deadline = deadlineTask;
                inFlight = null;
                response = null;
                retryTask = null;
                deadlineTask = null;
            }
            if (future != null) {
                abort(future);
            }
            closeQuietly(reply);
            if (retry != null) {
                retry.cancel(false);
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
            Throwable cause = failure == null ? null : FailureClassifier.unwrap(failure);
            observer.callCompleted(call.modelId, call.attempts, call.lastStatus, call.body.bytesWritten(), call.received.get(),
                    Duration.between(call.start, clock.instant()), value == null ? Usage.NONE : value.usage(),
                    cause);
        }

        /** Cancels an exchange and closes its response should it arrive anyway. */
        private void abort(CompletableFuture<HttpResponse> future) {
            future.cancel(true);
            future.thenAccept(HttpImageGeneration::closeQuietly);
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Calls the user's observer with event values, ignoring anything it throws (its contract says it must not). */
    private static final class SafeObserver {
        private static final String OPERATION = "generateContent";
        private final CallObserver delegate;

        SafeObserver(CallObserver delegate) {
            this.delegate = delegate;
        }

        void attemptStarted(String modelId, int attempt) {
            try {
                delegate.attemptStarted(new CallObserver.AttemptStarted(OPERATION, Optional.of(modelId), attempt));
            } catch (RuntimeException e) {
                ignored(e);
            }
        }

        void retryScheduled(String modelId, int nextAttempt, Duration delay, Throwable cause) {
            try {
                delegate.retryScheduled(new CallObserver.RetryScheduled(OPERATION, Optional.of(modelId), nextAttempt, delay, cause));
            } catch (RuntimeException e) {
                ignored(e);
            }
        }

        void callCompleted(String modelId, int attempts, int httpStatus, long bytesSent, long bytesReceived,
                Duration duration, Usage usage, Throwable failure) {
            try {
                delegate.callCompleted(new CallObserver.CallCompleted(OPERATION, Optional.of(modelId), attempts,
                        httpStatus == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(httpStatus),
                        bytesSent, bytesReceived, duration, usage, Optional.ofNullable(failure)));
            } catch (RuntimeException e) {
                ignored(e);
            }
        }

        private static void ignored(RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "a CallObserver threw " + e.getClass().getName() + "; ignored");
        }
    }

    /**
     * Builds an {@link HttpImageGeneration}. The time source, sleeper, random source and scheduler
     * are there so tests run without wall time; production code leaves them alone. Not thread-safe.
     */
    public static final class Builder {
        private final HttpTransport transport;
        private final ApiKey apiKey;
        private HttpOptions options = HttpOptions.defaults();
        private boolean ownsTransport;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Random random;
        private ScheduledExecutorService executor;

        private Builder(HttpTransport transport, ApiKey apiKey) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
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
