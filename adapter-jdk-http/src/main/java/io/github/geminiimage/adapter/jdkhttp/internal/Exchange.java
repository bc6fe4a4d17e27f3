package io.github.geminiimage.adapter.jdkhttp.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock and the abort switch of one exchange. Progress (a request chunk taken by the client, a
 * reply chunk received) restarts the inactivity clock; the deadline never moves. Until the reply
 * headers arrive a timer task watches both; afterwards the reader of the body checks them on every
 * read. Aborting runs every registered hook once (cancel the client's future, stop the upload,
 * close the body) and remembers why, so every later failure reports that reason. Thread-safe.
 */
public final class Exchange {

    private final long deadlineNanos;
    private final long inactivityNanos;
    private final Duration inactivity;
    private final ScheduledExecutorService timer;
    private final AtomicReference<IOException> abortReason = new AtomicReference<>();
    private final List<Runnable> abortHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> finishHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Object watchLock = new Object();
    private volatile long lastProgressNanos;
    private ScheduledFuture<?> watch;
    private boolean watching;

    /**
     * Starts the clocks now.
     *
     * @param deadline the instant by which everything must end
     * @param inactivity the longest wait for progress
     * @param timer runs the watch until the reply headers arrive
     */
    public Exchange(Instant deadline, Duration inactivity, ScheduledExecutorService timer) {
        long now = System.nanoTime();
        Duration left = Duration.between(Instant.now(), deadline);
        this.deadlineNanos = now + saturatedNanos(left);
        this.inactivity = inactivity;
        this.inactivityNanos = saturatedNanos(inactivity);
        this.timer = timer;
        this.lastProgressNanos = now;
    }

    private static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        // Durations of centuries overflow toNanos(); clamp them to about 100 years.
        return d.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500).toNanos() : d.toNanos();
    }

    /** Records that bytes moved, restarting the inactivity clock. */
    public void progress() {
        lastProgressNanos = System.nanoTime();
    }

    /** How long a wait may last now: positive, or zero or less once a timeout has passed. */
    public long waitBudgetNanos() {
        long now = System.nanoTime();
        return Math.min(lastProgressNanos + inactivityNanos - now, deadlineNanos - now);
    }

    /** The timeout that has passed (call when {@link #waitBudgetNanos()} is not positive). */
    public SocketTimeoutException timeoutException() {
        long now = System.nanoTime();
        if (deadlineNanos - now <= 0) {
            return new SocketTimeoutException("the request's deadline passed");
        }
        return new SocketTimeoutException("no bytes moved for " + inactivity.toMillis() + " ms (inactivity timeout)");
    }

    /** Fails with the timeout if one has passed, aborting the exchange. */
    public void checkTime() throws SocketTimeoutException {
        if (waitBudgetNanos() <= 0) {
            SocketTimeoutException timeout = timeoutException();
            abort(timeout);
            throw (SocketTimeoutException) copyOf(abortReason.get());
        }
    }

    /** Runs {@code hook} when the exchange is aborted; at once if it already was. */
    public void onAbort(Runnable hook) {
        abortHooks.add(hook);
        if (abortReason.get() != null && abortHooks.remove(hook)) {
            hook.run();
        }
    }

    /** Runs {@code hook} once when the exchange ends for good (failed, or its response closed). */
    public void onFinish(Runnable hook) {
        finishHooks.add(hook);
        if (finished.get() && finishHooks.remove(hook)) {
            hook.run();
        }
    }

    /**
     * Aborts the exchange for {@code reason} unless it was aborted already.
     *
     * @return whether this call aborted it
     */
    public boolean abort(IOException reason) {
        if (!abortReason.compareAndSet(null, reason)) {
            return false;
        }
        stopWatch();
        for (Runnable hook : abortHooks) {
            if (abortHooks.remove(hook)) {
                try {
                    hook.run();
                } catch (RuntimeException ignored) {
                    // Aborting is best effort: one failing hook must not keep the others from running.
                }
            }
        }
        return true;
    }

    /** Why the exchange was aborted, if it was. */
    public Optional<IOException> abortReason() {
        return Optional.ofNullable(abortReason.get());
    }

    /** Ends the exchange for good: runs the finish hooks once. */
    public void finish() {
        stopWatch();
        if (finished.compareAndSet(false, true)) {
            for (Runnable hook : finishHooks) {
                if (finishHooks.remove(hook)) {
                    hook.run();
                }
            }
        }
    }

    /** Starts watching the clocks until {@link #stopWatch()} (the reply headers arrived). */
    public void startWatch() {
        synchronized (watchLock) {
            watching = true;
            scheduleWatch();
        }
    }

    /** Stops the watch started by {@link #startWatch()}. */
    public void stopWatch() {
        synchronized (watchLock) {
            watching = false;
            if (watch != null) {
                watch.cancel(false);
                watch = null;
            }
        }
    }

    private void scheduleWatch() {
        long budget = Math.max(waitBudgetNanos(), 0);
        try {
            // One task per exchange; when it fires early because bytes moved, it schedules itself again.
            watch = timer.schedule(this::onWatch, budget + TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            abort(new IOException("the transport was closed"));
        }
    }

    private void onWatch() {
        synchronized (watchLock) {
            if (!watching) {
                return;
            }
            if (waitBudgetNanos() > 0) {
                scheduleWatch();
                return;
            }
            watching = false;
            watch = null;
        }
        abort(timeoutException());
    }

    /**
     * A fresh exception of the same kind and message, caused by {@code e}: so that a failure seen by
     * another thread carries the stack of the thread that reports it.
     */
    public static IOException copyOf(IOException e) {
        IOException copy;
        if (e instanceof SocketTimeoutException) {
            copy = new SocketTimeoutException(e.getMessage());
        } else if (e instanceof InterruptedIOException) {
            copy = new InterruptedIOException(e.getMessage());
        } else if (e instanceof ConnectException) {
            copy = new ConnectException(e.getMessage());
        } else {
            return new IOException(e.getMessage(), e);
        }
        copy.initCause(e);
        return copy;
    }
}
