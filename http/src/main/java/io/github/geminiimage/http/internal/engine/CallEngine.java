package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.poll.Sleeper;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.internal.error.Redactor;
import io.github.geminiimage.http.internal.retry.RetryDecider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * Runs {@link Exchange}s through one {@link HttpTransport}: the blocking driver is here, the
 * asynchronous one is {@link AsyncCall}; both run the steps of {@link Call}. What differs between
 * calls (attempts, reply cap, deadline) is the {@link Exchange.Policy} each carries. Thread-safe:
 * one per client, shared by all its views and calls.
 */
public final class CallEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CallEngine.class.getName());
    /** A deadline of centuries means "none"; capping it keeps instants and timer nanos from overflowing. */
    static final Duration MAX_DEADLINE = Duration.ofDays(36_500);

    private final HttpTransport transport;
    private final HttpOptions options;
    private final Authenticator authenticator;
    private final boolean ownsTransport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ScheduledExecutorService timer;
    private final Executor readers;
    private final Runnable shutdown;
    private final SafeObserver observer;
    private final Redactor redactor;
    private final RetryDecider decider;
    private final DoubleSupplier jitter;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<AsyncCall<?>> asyncCalls = ConcurrentHashMap.newKeySet();
    private final Set<Handover> handovers = ConcurrentHashMap.newKeySet();

    /**
     * An engine.
     *
     * @param name what the owner is called in messages ("closed: this NAME was closed")
     * @param timer runs deadline and retry timers
     * @param readers reads reply bodies and fetches tokens for async calls (never a transport's thread)
     * @param sleeper waits between attempts: blocking in {@link #execute}, on {@code timer} otherwise
     * @param shutdown stops the executors the owner created for this engine (run once by {@link #close()})
     * @param jitter values in {@code [0, 1)} for the backoff
     */
    public CallEngine(String name, HttpTransport transport, Credentials credentials, HttpOptions options,
            boolean ownsTransport, Clock clock, Sleeper sleeper, ScheduledExecutorService timer, Executor readers,
            Runnable shutdown, DoubleSupplier jitter) {
        this.name = Objects.requireNonNull(name, "name");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        this.authenticator = new Authenticator(Objects.requireNonNull(credentials, "credentials"), clock);
        this.ownsTransport = ownsTransport;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.observer = new SafeObserver(options.observer());
        this.redactor = new Redactor(authenticator.fixedSecret());
        this.decider = new RetryDecider(options.retryPolicy(), jitter);
        this.jitter = jitter;
    }

    /**
     * Runs {@code exchange} on the calling thread: attempts, waits between them with the sleeper,
     * and returns the result or throws the last failure. Interrupting the thread ends the call
     * with a {@link TransportException} "the call was interrupted" and keeps the interrupt flag.
     */
    public <T> T execute(Exchange<T> exchange) {
        Call<T> call = prepare(exchange);
        ScheduledFuture<?> guard = armDeadline(call::abortRead, call);
        try {
            T value = run(call);
            call.completed(value, null);
            return value;
        } catch (RuntimeException | Error e) {
            // An Error (a reader's, the VM's) ends the call too: the observer must hear of its end.
            call.completed(null, e);
            throw e;
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
        }
    }

    private <T> T run(Call<T> call) {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw call.interrupted(null);
            }
            AttemptOutcome<T> outcome;
            try {
                HttpRequest request = call.beginAttempt();
                outcome = call.read(transport.send(request), false);
            } catch (ImageGenerationException e) {
                outcome = new AttemptOutcome.Failure<>(e, Optional.empty());
            } catch (IOException | RuntimeException e) {
                outcome = call.failed(e, Thread.currentThread().isInterrupted());
            }
            Step<T> step = call.next(outcome);
            if (step instanceof Step.Done<T> done) {
                return done.value();
            }
            if (step instanceof Step.Fail<T> fail) {
                throw fail.exception();
            }
            if (step instanceof Step.Wait<T> wait) {
                try {
                    sleeper.sleep(wait.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw call.interrupted(e);
                }
                if (closed.get()) {
                    throw closedException(call.attempts());
                }
            }
        }
    }

    /** Runs {@code exchange} without blocking the caller and without sleeping on a thread. */
    public <T> CompletableFuture<T> executeAsync(Exchange<T> exchange) {
        Call<T> call;
        try {
            call = prepare(exchange);
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return new AsyncCall<>(this, call).start();
    }

    /** Checks the engine is open, builds the request (reporting a refusal to the observer), fixes the deadline. */
    private <T> Call<T> prepare(Exchange<T> exchange) {
        Instant start = clock.instant();
        if (closed.get()) {
            throw closedException(0);
        }
        RequestSpec spec;
        try {
            spec = exchange.request().get();
        } catch (ImageGenerationException e) {
            Call<T> refused = new Call<>(this, exchange, RequestSpec.withoutBody("GET", options.endpoint().baseUri()),
                    start, start);
            refused.completed(null, e);
            throw e;
        }
        Duration wanted = exchange.policy().deadline().orElse(options.overallDeadline());
        Duration budget = wanted.compareTo(MAX_DEADLINE) > 0 ? MAX_DEADLINE : wanted;
        return new Call<>(this, exchange, spec, start, start.plus(budget));
    }

    /** Schedules {@code onDeadline} at the call's deadline; null if the timer is shut down. */
    ScheduledFuture<?> armDeadline(Runnable onDeadline, Call<?> call) {
        long nanos = Math.max(0, Duration.between(clock.instant(), call.deadline).toNanos());
        try {
            return timer.schedule(onDeadline, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Fails calls in flight, stops the threads the owner created, closes an owned transport. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AsyncCall<?> call : List.copyOf(asyncCalls)) {
            call.fail(closedException(call.attempts()));
        }
        for (Handover handover : List.copyOf(handovers)) {
            handover.engineClosed();
        }
        shutdown.run();
        if (ownsTransport) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the transport failed: " + e.getClass().getName());
            }
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    TransportException closedException(int attempts) {
        return new TransportException("closed: this " + name + " was closed", ErrorDetails.ofAttempts(attempts), null, false);
    }

    static void closeQuietly(HttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (RuntimeException e) {
            // Closing only releases the exchange; a failure here changes nothing for the caller.
        }
    }

    HttpTransport transport() {
        return transport;
    }

    HttpOptions options() {
        return options;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /** The time source of deadlines. */
    public Clock clock() {
        return clock;
    }

    /** Runs the timers: deadlines, waits between attempts and between the steps of a flow. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Reads replies and runs blocking work for async calls; never a transport's thread. */
    public Executor readers() {
        return readers;
    }

    /** How this engine's calls wait. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The options every call uses unless its exchange says otherwise. */
    public HttpOptions settings() {
        return options;
    }

    SafeObserver observer() {
        return observer;
    }

    Redactor redactor() {
        return redactor;
    }

    /** Decides retries per the client's policy (the resumable upload's recovery asks it too). */
    public RetryDecider decider() {
        return decider;
    }

    /** A decider for another policy (a flex call's), with this engine's jitter. */
    RetryDecider decider(RetryPolicy policy) {
        return new RetryDecider(policy, jitter);
    }

    Set<AsyncCall<?>> asyncCalls() {
        return asyncCalls;
    }

    /** Responses handed over and not yet finished: closed when the engine closes. */
    Set<Handover> handovers() {
        return handovers;
    }
}
