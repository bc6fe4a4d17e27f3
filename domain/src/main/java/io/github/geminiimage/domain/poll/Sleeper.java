package io.github.geminiimage.domain.poll;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the library waits, between the attempts of a call and between the polls or steps of a
 * longer flow (a resumable upload, a wait for a file or a batch job). The blocking form
 * ({@link #sleep}) waits on the caller's thread; the non-blocking form ({@link #after}) is a future
 * a timer completes, so no thread is parked. Replaceable so that tests wait on a virtual clock.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the current thread. */
    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(Math.max(0, duration.toNanos()));

    /**
     * The blocking form: waits for {@code duration} on this thread.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The blocking form as a future: sleeps now and returns a completed future, or one failed with a
     * {@link TransportException} "the call was interrupted" (the interrupt flag stays set).
     */
    default CompletableFuture<Void> sleepNow(Duration duration) {
        try {
            sleep(duration);
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new TransportException("the call was interrupted", ErrorDetails.NONE, e,
                    false));
        }
    }

    /**
     * The non-blocking form: a future {@code timer} completes after {@code duration}. Cancelling the
     * future drops the timer; a timer that was shut down fails it with a {@link TransportException}
     * "closed".
     */
    default CompletableFuture<Void> after(Duration duration, ScheduledExecutorService timer) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> task;
        try {
            Runnable complete = () -> done.complete(null);
            task = timer.schedule(complete, Math.max(0, duration.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TransportException("closed: the client was closed",
                    ErrorDetails.NONE, e, false));
        }
        done.whenComplete((ignored, failure) -> {
            if (done.isCancelled()) {
                task.cancel(false);
            }
        });
        return done;
    }
}
