package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.BatchJob;
import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.GenerationTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The polling loop of a batch port's {@code await}, shared by every implementation: poll at once,
 * then after {@link #FIRST_INTERVAL}, each wait half again as long up to {@link #MAX_INTERVAL},
 * never past the deadline; stop at a terminal state. A job reported {@code SUCCEEDED} without an
 * output is polled up to {@link #EXTRA_POLLS_FOR_OUTPUT} more times (the output can lag the state:
 * docs/wire-format.md, "Batch Mode"). Stateless.
 */
public final class BatchAwait {

    /** The wait after the first poll. */
    public static final Duration FIRST_INTERVAL = Duration.ofSeconds(10);
    /** The longest wait between polls. */
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(2);
    /** Extra polls for a succeeded job whose output is not there yet. */
    public static final int EXTRA_POLLS_FOR_OUTPUT = 3;

    /** Waits; a fake clock advances instead, a real one sleeps (and throws on interrupt). */
    @FunctionalInterface
    public interface Pause {
        /** Waits {@code duration}. */
        void pause(Duration duration);
    }

    private BatchAwait() {
    }

    /**
     * Polls until the job ends and returns it as last read.
     *
     * @param poll reads the job (a failure is thrown as is)
     * @param clock the clock the deadline is measured on
     * @param pause how to wait between polls
     * @param timeout how long to wait in all
     * @param progress told the job after each poll; an exception it throws is ignored
     * @throws GenerationTimeoutException if the job has not ended by the deadline
     */
    public static BatchJob await(Supplier<BatchJob> poll, Clock clock, Pause pause, Duration timeout, Consumer<BatchJob> progress) {
        return await(poll, clock, pause, timeout, MAX_INTERVAL, progress);
    }

    /**
     * Polls as {@link #await(Supplier, Clock, Pause, Duration, Consumer)} does, but never waits longer
     * than {@code maxInterval} between polls (the first wait included).
     *
     * @param maxInterval the longest wait between polls; positive
     * @throws IllegalArgumentException if {@code maxInterval} is not positive
     */
    public static BatchJob await(Supplier<BatchJob> poll, Clock clock, Pause pause, Duration timeout, Duration maxInterval,
            Consumer<BatchJob> progress) {
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(progress, "progress");
        Duration cap = checkInterval(maxInterval);
        Instant deadline = clock.instant().plus(timeout);
        Duration interval = FIRST_INTERVAL.compareTo(cap) <= 0 ? FIRST_INTERVAL : cap;
        int polls = 0;
        int extra = 0;
        while (true) {
            BatchJob job = poll.get();
            polls++;
            try {
                progress.accept(job);
            } catch (RuntimeException e) {
                // A progress callback must not end the wait.
            }
            boolean outputLags = job.state().equals(io.github.geminiimage.domain.BatchState.SUCCEEDED)
                    && job.output().isEmpty() && extra++ < EXTRA_POLLS_FOR_OUTPUT;
            if (job.isDone() && !outputLags) {
                return job;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new GenerationTimeoutException(job.name() + " is still " + job.state() + " (" + job.counts()
                        + ") after waiting " + timeout + " (" + polls + " polls)", ErrorDetails.ofAttempts(polls));
            }
            Duration remaining = Duration.between(now, deadline);
            pause.pause(interval.compareTo(remaining) <= 0 ? interval : remaining);
            interval = interval.plus(interval.dividedBy(2));
            if (interval.compareTo(cap) > 0) {
                interval = cap;
            }
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
