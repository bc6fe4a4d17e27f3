package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.poll.Poller;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one driver of multi-call flows (a resumable upload, a wait for a file or a batch job, a
 * batch submit), each written once as a chain of futures over one {@link CallEngine}: the blocking
 * form runs every call on the caller's thread and waits with the engine's sleeper (its futures are
 * complete when returned); the async form chains the engine's async calls and waits on its timer,
 * so no thread is parked. Thread-safe.
 */
public final class Driver {

    private final CallEngine engine;
    private final boolean async;

    private Driver(CallEngine engine, boolean async) {
        this.engine = engine;
        this.async = async;
    }

    /** Runs calls on the caller's thread. */
    public static Driver blocking(CallEngine engine) {
        return new Driver(engine, false);
    }

    /** Runs calls asynchronously; waits are timers. */
    public static Driver async(CallEngine engine) {
        return new Driver(engine, true);
    }

    /** Runs {@code exchange} as its policy says. */
    public <T> CompletableFuture<T> call(Exchange<T> exchange) {
        if (async) {
            return engine.executeAsync(exchange);
        }
        try {
            return CompletableFuture.completedFuture(engine.execute(exchange));
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs blocking local work (reading the caller's requests, a temporary file): now, or on a reader thread. */
    public <T> CompletableFuture<T> work(Supplier<T> work) {
        if (!async) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        try {
            return CompletableFuture.supplyAsync(work, engine.readers());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(engine.closedException(0));
        }
    }

    /** Completes after {@code delay}: a sleep in the blocking form, a timer otherwise. */
    public CompletableFuture<Void> delay(Duration delay) {
        return async ? engine.sleeper().after(delay, engine.timer()) : engine.sleeper().sleepNow(delay);
    }

    /** Polls with the one {@link Poller} on this driver's calls and waits. */
    public <T> CompletableFuture<T> poll(Supplier<CompletableFuture<T>> read, Predicate<T> finished,
            BiFunction<T, Integer, RuntimeException> timedOut, Duration timeout, Poller.Schedule schedule) {
        return Poller.poll(read, finished, timedOut, engine.clock(), timeout, schedule, this::delay);
    }

    /** The current time. */
    public Instant now() {
        return engine.clock().instant();
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
        if (cause instanceof RuntimeException r && !(cause instanceof CancellationException)) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new TransportException("the call failed: " + cause.getClass().getSimpleName(), ErrorDetails.NONE, cause, false);
    }

    /** The value of a blocking form's future (already complete), or its failure thrown. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw failure(e);
        }
    }
}
