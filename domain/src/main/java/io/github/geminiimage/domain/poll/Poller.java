package io.github.geminiimage.domain.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one polling loop (a file until it is {@code ACTIVE}, a batch job until it ends), for every
 * port, blocking or not: read, judge, wait a growing interval never past the deadline, read
 * again. It runs on futures: with reads and pauses that complete before they return (the blocking
 * form) it is a loop on the caller's thread; with a timer's pauses no thread waits. Cancelling the
 * returned future cancels the read or pause under way.
 *
 * @param <T> what a poll reads
 */
public final class Poller<T> {

    /**
     * The waits between polls: {@code first} after the first, each {@code growth} times the one
     * before, at most {@code max}.
     */
    public record Schedule(Duration first, double growth, Duration max) {
        /** Checks the values. */
        public Schedule {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || max.isNegative() || !(growth >= 1.0) || Double.isInfinite(growth)) {
                throw new IllegalArgumentException("a poll schedule needs non-negative waits and a growth of at least 1; got "
                        + first + ", " + growth + ", " + max);
            }
        }

        Duration next(Duration interval) {
            double nanos = Math.min(interval.toNanos() * growth, (double) max.toNanos());
            return Duration.ofNanos((long) nanos);
        }
    }

    private final Supplier<CompletableFuture<T>> read;
    private final Predicate<T> finished;
    private final BiFunction<T, Integer, RuntimeException> timedOut;
    private final Clock clock;
    private final Instant deadline;
    private final Schedule schedule;
    private final Function<Duration, CompletableFuture<Void>> pause;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile CompletableFuture<?> current;
    private Duration interval;
    private int polls;

    private Poller(Supplier<CompletableFuture<T>> read, Predicate<T> finished,
            BiFunction<T, Integer, RuntimeException> timedOut, Clock clock, Duration timeout, Schedule schedule,
            Function<Duration, CompletableFuture<Void>> pause) {
        this.read = read;
        this.finished = finished;
        this.timedOut = timedOut;
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
        this.schedule = schedule;
        this.pause = pause;
        this.interval = schedule.first();
    }

    /**
     * Polls until {@code finished} accepts what {@code read} returned, and completes with that.
     *
     * @param read one poll (a failure ends the wait with it)
     * @param finished whether a reading ends the wait; an exception it throws ends the wait with it
     *     (e.g. a file that ended {@code FAILED})
     * @param timedOut the failure when the deadline passed, given the last reading and the poll count
     * @param pause the wait between polls ({@link Sleeper#sleepNow} or {@link Sleeper#after})
     */
    public static <T> CompletableFuture<T> poll(Supplier<CompletableFuture<T>> read, Predicate<T> finished,
            BiFunction<T, Integer, RuntimeException> timedOut, Clock clock, Duration timeout, Schedule schedule,
            Function<Duration, CompletableFuture<Void>> pause) {
        Objects.requireNonNull(timeout, "timeout");
        Poller<T> poller = new Poller<>(read, finished, timedOut, clock, timeout, schedule, pause);
        poller.result.whenComplete((value, failure) -> {
            CompletableFuture<?> under = poller.current;
            if (poller.result.isCancelled() && under != null) {
                under.cancel(true);
            }
        });
        poller.run();
        return poller.result;
    }

    /** Polls while reads and pauses complete at once; hands over to a callback when one does not. */
    private void run() {
        while (!result.isDone()) {
            CompletableFuture<T> reading = startSafely(read);
            if (!reading.isDone()) {
                track(reading);
                reading.whenComplete((value, failure) -> {
                    if (judged(value, failure)) {
                        waitThenRun();
                    }
                });
                return;
            }
            if (!judged(reading.getNow(null), failureOf(reading))) {
                return;
            }
            CompletableFuture<Void> waiting = startSafely(() -> pause.apply(nextWait()));
            if (!waiting.isDone()) {
                track(waiting);
                waiting.whenComplete((ignored, failure) -> afterPause(failure));
                return;
            }
            Throwable failure = failureOf(waiting);
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
        }
    }

    private void waitThenRun() {
        CompletableFuture<Void> waiting = startSafely(() -> pause.apply(nextWait()));
        track(waiting);
        waiting.whenComplete((ignored, failure) -> afterPause(failure));
    }

    /** Remembers the step under way, so that cancelling the result reaches it; cancels it if that already happened. */
    private void track(CompletableFuture<?> step) {
        current = step;
        if (result.isCancelled()) {
            step.cancel(true);
        }
    }

    private void afterPause(Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(unwrap(failure));
        } else {
            run();
        }
    }

    /** Judges one reading: true to wait and poll again; otherwise the result is complete. */
    private boolean judged(T value, Throwable failure) {
        if (result.isDone()) {
            return false;
        }
        if (failure != null) {
            result.completeExceptionally(unwrap(failure));
            return false;
        }
        polls++;
        try {
            if (finished.test(value)) {
                result.complete(value);
                return false;
            }
            if (!clock.instant().isBefore(deadline)) {
                result.completeExceptionally(timedOut.apply(value, polls));
                return false;
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return false;
        }
        return true;
    }

    /** The wait before the next poll, never past the deadline; grows the interval. */
    private Duration nextWait() {
        Duration left = Duration.between(clock.instant(), deadline);
        Duration wait = interval.compareTo(left) < 0 ? interval : left;
        interval = schedule.next(interval);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static <V> CompletableFuture<V> startSafely(Supplier<CompletableFuture<V>> step) {
        try {
            return Objects.requireNonNull(step.get(), "a poll step returned null");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        try {
            done.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return unwrap(e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
