package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.poll.Poller;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * When a batch port's {@code await} stops, shared by every implementation and run by the one
 * {@link Poller}: poll at once, then after {@link #FIRST_INTERVAL}, each wait half again as long up
 * to {@link #MAX_INTERVAL}, never past the deadline; stop at a terminal state. A job reported
 * {@code SUCCEEDED} without an output is polled up to {@link #EXTRA_POLLS_FOR_OUTPUT} more times
 * (the output can lag the state: docs/wire-format.md, "Batch Mode"). Stateless.
 */
public final class BatchAwait {

    /** The wait after the first poll. */
    public static final Duration FIRST_INTERVAL = Duration.ofSeconds(10);
    /** The longest wait between polls. */
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(2);
    /** Extra polls for a succeeded job whose output is not there yet. */
    public static final int EXTRA_POLLS_FOR_OUTPUT = 3;
    /** The waits between polls. */
    public static final Poller.Schedule SCHEDULE = new Poller.Schedule(FIRST_INTERVAL, 1.5, MAX_INTERVAL);

    private BatchAwait() {
    }

    /** Waits; a fake clock advances instead, a real one sleeps (and throws on interrupt). */
    @FunctionalInterface
    public interface Pause {
        /** Waits {@code duration}. */
        void pause(Duration duration);
    }

    /**
     * Polls until the job ends; completes with the job as last read.
     *
     * @param poll reads the job (a failure ends the wait with it)
     * @param clock the clock the deadline is measured on
     * @param timeout how long to wait in all; past it the future fails with a {@link GenerationTimeoutException}
     * @param progress told the job after each poll; an exception it throws is ignored
     * @param pause the wait between polls (a sleeper's blocking or non-blocking form)
     */
    public static CompletableFuture<BatchJob> await(Supplier<CompletableFuture<BatchJob>> poll, Clock clock,
            Duration timeout, Consumer<BatchJob> progress, Function<Duration, CompletableFuture<Void>> pause) {
        return await(poll, clock, timeout, MAX_INTERVAL, progress, pause);
    }

    /**
     * As {@link #await(Supplier, Clock, Duration, Consumer, Function)}, never waiting longer than
     * {@code maxInterval} between polls (the first wait included).
     *
     * @throws IllegalArgumentException if {@code maxInterval} is not positive
     */
    public static CompletableFuture<BatchJob> await(Supplier<CompletableFuture<BatchJob>> poll, Clock clock,
            Duration timeout, Duration maxInterval, Consumer<BatchJob> progress,
            Function<Duration, CompletableFuture<Void>> pause) {
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(progress, "progress");
        Duration cap = checkInterval(maxInterval);
        int[] extra = {0};
        return Poller.poll(poll, job -> {
            try {
                progress.accept(job);
            } catch (RuntimeException e) {
                // A progress callback must not end the wait.
            }
            boolean outputLags = job.state().equals(BatchState.SUCCEEDED) && job.output().isEmpty()
                    && extra[0]++ < EXTRA_POLLS_FOR_OUTPUT;
            return job.isDone() && !outputLags;
        }, (job, polls) -> new GenerationTimeoutException(job.name() + " is still " + job.state() + " (" + job.counts()
                + ") after waiting " + timeout + " (" + polls + " polls)", ErrorDetails.ofAttempts(polls)),
                clock, timeout, new Poller.Schedule(FIRST_INTERVAL.compareTo(cap) <= 0 ? FIRST_INTERVAL : cap, 1.5, cap), pause);
    }

    /** The blocking form over a {@link Pause}: the same poller, on the calling thread. */
    public static BatchJob await(Supplier<BatchJob> poll, Clock clock, Pause pause, Duration timeout, Consumer<BatchJob> progress) {
        return await(poll, clock, pause, timeout, MAX_INTERVAL, progress);
    }

    /**
     * The blocking form, never waiting longer than {@code maxInterval} between polls.
     *
     * @throws IllegalArgumentException if {@code maxInterval} is not positive
     */
    public static BatchJob await(Supplier<BatchJob> poll, Clock clock, Pause pause, Duration timeout, Duration maxInterval,
            Consumer<BatchJob> progress) {
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(pause, "pause");
        CompletableFuture<BatchJob> done = await(() -> CompletableFuture.completedFuture(poll.get()), clock, timeout,
                maxInterval, progress, wait -> {
                    pause.pause(wait);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Checks a longest wait between polls.
     *
     * @return {@code maxInterval}
     * @throws IllegalArgumentException naming the value if it is not positive
     */
    public static Duration checkInterval(Duration maxInterval) {
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("maxPollInterval must be positive, was " + maxInterval);
        }
        return maxInterval;
    }
}
