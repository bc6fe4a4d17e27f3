package io.github.geminiimage.http;

import io.github.geminiimage.domain.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on the fake clock: {@code execute} runs at once on the
 * caller's thread, timers wait until the test runs them, which moves the clock to their time.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    final List<Duration> scheduledDelays = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private boolean shutdown;
    /** When set, {@code execute} queues its task until {@link #runDeferred()} instead of running it at once. */
    volatile boolean deferExecution;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** The timers not yet run nor cancelled. */
    synchronized List<Task> pending() {
        tasks.removeIf(t -> t.cancelled || t.done);
        return List.copyOf(tasks);
    }

    /** Runs the earliest pending timer, moving the clock to its time; false if none. */
    boolean runNext() {
        Task next;
        synchronized (this) {
            next = pending().stream().min(Comparator.comparing(t -> t.due)).orElse(null);
            if (next == null) {
                return false;
            }
            tasks.remove(next);
        }
        if (clock.instant().isBefore(next.due)) {
            clock.set(next.due);
        }
        next.done = true;
        next.runnable.run();
        return true;
    }

    /** Runs the earliest pending timer due no later than {@code limit}. */
    boolean runNextBefore(Instant limit) {
        Task next = pending().stream().min(Comparator.comparing(t -> t.due)).orElse(null);
        return next != null && next.due.isBefore(limit) && runNext();
    }

    @Override
    public void execute(Runnable command) {
        if (deferExecution) {
            synchronized (this) {
                deferred.add(command);
            }
        } else {
            command.run();
        }
    }

    /** Runs the tasks {@code execute} queued; returns how many ran. */
    int runDeferred() {
        List<Runnable> batch;
        synchronized (this) {
            batch = List.copyOf(deferred);
            deferred.clear();
        }
        batch.forEach(Runnable::run);
        return batch.size();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Duration d = Duration.ofNanos(unit.toNanos(delay));
        scheduledDelays.add(d);
        Task task = new Task(command, clock.instant().plus(d));
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    /** One timer. */
    final class Task implements ScheduledFuture<Object> {
        final Runnable runnable;
        final Instant due;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable runnable, Instant due) {
            this.runnable = runnable;
            this.due = due;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
