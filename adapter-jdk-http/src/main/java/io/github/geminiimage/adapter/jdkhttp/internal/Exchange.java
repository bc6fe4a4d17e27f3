package io.github.geminiimage.adapter.jdkhttp.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
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

    // Durations of centuries overflow toNanos(); waits are clamped to about 100 years.
    private static final long MAX_NANOS = Duration.ofDays(36_500).toNanos();

    private final long deadlineNanos;
    private final long inactivityNanos;
    private final ScheduledExecutorService timer;
    private final AtomicReference<IOException> abortReason = new AtomicReference<>();
    private final List<Runnable> abortHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> finishHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long lastProgressNanos = System.nanoTime();
    private ScheduledFuture<?> watch;
    private boolean watching;

    /** Starts the clocks now: everything ends by {@code deadline}, no wait for progress lasts over {@code inactivity}. */
    public Exchange(Instant deadline, Duration inactivity, ScheduledExecutorService timer) {
        this.deadlineNanos = lastProgressNanos + nanos(Duration.between(Instant.now(), deadline));
        this.inactivityNanos = nanos(inactivity);
        this.timer = timer;
    }

    private static long nanos(Duration d) {
        return d.isNegative() ? 0 : d.compareTo(Duration.ofDays(36_500)) > 0 ? MAX_NANOS : d.toNanos();
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
        return new SocketTimeoutException(deadlineNanos - System.nanoTime() <= 0 ? "the request's deadline passed"
                : "no bytes moved for " + TimeUnit.NANOSECONDS.toMillis(inactivityNanos) + " ms (inactivity timeout)");
    }

    /** Fails with the timeout if one has passed, aborting the exchange. */
    public void checkTime() throws SocketTimeoutException {
        if (waitBudgetNanos() <= 0) {
            abort(timeoutException());
            throw (SocketTimeoutException) copyOf(abortReason.get());
        }
    }

    /** Runs {@code hook} when the exchange is aborted; at once if it already was. */
    public void onAbort(Runnable hook) {
        abortHooks.add(hook);
        if (abortReason.get() != null) {
            runOnce(abortHooks);
        }
    }

    /** Runs {@code hook} once when the exchange ends for good (failed, or its response closed). */
    public void onFinish(Runnable hook) {
        finishHooks.add(hook);
        if (finished.get()) {
            runOnce(finishHooks);
        }
    }

    /** Aborts the exchange for {@code reason} unless it was aborted already. */
    public void abort(IOException reason) {
        if (abortReason.compareAndSet(null, reason)) {
            stopWatch();
            runOnce(abortHooks);
        }
    }

    /** Why the exchange was aborted, if it was. */
    public Optional<IOException> abortReason() {
        return Optional.ofNullable(abortReason.get());
    }

    /** Ends the exchange for good: runs the finish hooks once. */
    public void finish() {
        stopWatch();
        if (finished.compareAndSet(false, true)) {
            runOnce(finishHooks);
        }
    }

    private static void runOnce(List<Runnable> hooks) {
        for (Runnable hook : hooks) {
            if (hooks.remove(hook)) {
                try {
                    hook.run();
                } catch (RuntimeException ignored) {
                    // Best effort: one failing hook must not keep the others from running.
                }
            }
        }
    }

    /** Starts watching the clocks until {@link #stopWatch()} (the reply headers arrived). */
    public synchronized void startWatch() {
        watching = true;
        try {
            // One task per exchange; when it fires early because bytes moved, it schedules itself again.
            watch = timer.schedule(this::onWatch, Math.max(waitBudgetNanos(), 0) + 1_000_000, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            abort(new IOException("the transport was closed"));
        }
    }

    /** Stops the watch started by {@link #startWatch()}. */
    public synchronized void stopWatch() {
        watching = false;
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    private void onWatch() {
        synchronized (this) {
            if (!watching) {
                return;
            }
            if (waitBudgetNanos() > 0) {
                startWatch();
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
        } else if (e instanceof ProtocolException) {
            copy = new ProtocolException(e.getMessage());
        } else {
            return new IOException(e.getMessage(), e);
        }
        copy.initCause(e);
        return copy;
    }
}
