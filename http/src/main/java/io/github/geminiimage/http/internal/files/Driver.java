package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Exchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the steps of a multi-call operation (an upload, a wait for {@code ACTIVE}) written once as a
 * chain of futures: the blocking driver runs each call on the caller's thread and waits with the
 * sleeper (its futures are complete when returned); the asynchronous one chains the engine's async
 * calls and waits on the timer, so no thread ever sleeps. Thread-safe.
 */
public final class Driver {

    private final CallEngine engine;
    private final CallEngine singleAttempt;
    private final Clock clock;
    private final CallEngine.Waiter sleeper;
    private final ScheduledExecutorService timer;

    private Driver(CallEngine engine, CallEngine singleAttempt, Clock clock, CallEngine.Waiter sleeper,
            ScheduledExecutorService timer) {
        this.engine = engine;
        this.singleAttempt = singleAttempt;
        this.clock = clock;
        this.sleeper = sleeper;
        this.timer = timer;
    }

    /** Runs calls on the caller's thread, waiting with {@code sleeper}. */
    public static Driver blocking(CallEngine engine, CallEngine singleAttempt, Clock clock, CallEngine.Waiter sleeper) {
        return new Driver(engine, singleAttempt, clock, sleeper, null);
    }

    /** Runs calls asynchronously, waiting on {@code timer}. */
    public static Driver async(CallEngine engine, CallEngine singleAttempt, Clock clock, ScheduledExecutorService timer) {
        return new Driver(engine, singleAttempt, clock, null, timer);
    }

    /** Runs {@code exchange} with the engine's retries. */
    <T> CompletableFuture<T> call(Exchange<T> exchange) {
        return run(engine, exchange);
    }

    /** Runs {@code exchange} once: a failure is the caller's to recover (an upload chunk). */
    <T> CompletableFuture<T> callOnce(Exchange<T> exchange) {
        return run(singleAttempt, exchange);
    }

    private <T> CompletableFuture<T> run(CallEngine on, Exchange<T> exchange) {
        if (timer != null) {
            return on.executeAsync(exchange);
        }
        try {
            return CompletableFuture.completedFuture(on.execute(exchange));
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes after {@code delay}. */
    CompletableFuture<Void> delay(Duration delay) {
        if (timer == null) {
            try {
                sleeper.sleep(delay);
                return CompletableFuture.completedFuture(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(new TransportException("the call was interrupted", ErrorDetails.NONE, e,
                        false));
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            timer.schedule(() -> done.complete(null), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new TransportException("closed: the files port was closed", ErrorDetails.NONE, e, false));
        }
        return done;
    }

    /** The current time. */
    Instant now() {
        return clock.instant();
    }

    /** The failure a future ended with, as the library's exception. */
    public static ImageGenerationException failure(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ImageGenerationException e) {
            return e;
        }
        if (cause instanceof RuntimeException r && !(cause instanceof java.util.concurrent.CancellationException)) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new TransportException("the call failed: " + cause.getClass().getSimpleName(), ErrorDetails.NONE, cause, false);
    }

    /** Waits for a future of the blocking driver (already complete) and returns its value or throws its failure. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            throw failure(e);
        }
    }
}
