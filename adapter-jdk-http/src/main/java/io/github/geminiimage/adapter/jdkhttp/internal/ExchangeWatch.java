package io.github.geminiimage.adapter.jdkhttp.internal;

import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The clock and the abort switch of one exchange. Progress (a request chunk taken by the client, a
 * reply chunk received) restarts the inactivity clock; the deadline never moves. Until the reply
 * headers arrive a timer task watches both; afterwards the reader of the body checks them on every
 * read. Aborting runs every registered hook once (cancel the client's future, stop the upload,
 * close the body) and remembers why, so every later failure reports that reason. Thread-safe.
 */
public final class ExchangeWatch {

    private final long deadlineNanos;
    private final long inactivityNanos;
    private final ScheduledExecutorService timer;
    private final Consumer<ExchangeWatch> onFinish;
    // Completed with the reason of the abort; its dependents are the abort hooks, each run once.
    private final CompletableFuture<IOException> aborted = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long lastProgressNanos = System.nanoTime();
    private ScheduledFuture<?> watch;

    /**
     * Starts the clocks now: everything ends by {@code deadline}, no wait for progress lasts over
     * {@code inactivity}; {@code onFinish} is told once when the exchange ends for good.
     */
    public ExchangeWatch(Instant deadline, Duration inactivity, ScheduledExecutorService timer, Consumer<ExchangeWatch> onFinish) {
        this.deadlineNanos = lastProgressNanos + TransportSupport.clampedNanos(Duration.between(Instant.now(), deadline));
        this.inactivityNanos = TransportSupport.clampedNanos(inactivity);
        this.timer = timer;
        this.onFinish = onFinish;
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
    public void checkTime() throws IOException {
        if (waitBudgetNanos() <= 0) {
            abort(timeoutException());
            throw abortReason().orElseThrow();
        }
    }

    /** Runs {@code hook} when the exchange is aborted; at once if it already was. */
    public void onAbort(Runnable hook) {
        aborted.thenRun(hook);
    }

    /** Aborts the exchange for {@code reason} unless it was aborted already. */
    public void abort(IOException reason) {
        stopWatch();
        aborted.complete(reason);
    }

    /** Why the exchange was aborted, if it was: a fresh copy, to throw on the calling thread. */
    public Optional<IOException> abortReason() {
        return Optional.ofNullable(aborted.getNow(null)).map(TransportSupport::freshCopy);
    }

    /** Ends the exchange for good: runs {@code onFinish} once. */
    public void finish() {
        stopWatch();
        if (finished.compareAndSet(false, true)) {
            onFinish.accept(this);
        }
    }

    /** Starts watching the clocks until {@link #stopWatch()} (the reply headers arrived). */
    public synchronized void startWatch() {
        try {
            // One task per exchange; when it fires early because bytes moved, it schedules itself again.
            watch = timer.schedule(this::onWatch, Math.max(waitBudgetNanos(), 0) + 1_000_000, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            abort(new IOException("the transport was closed"));
        }
    }

    /** Stops the watch started by {@link #startWatch()}. */
    public synchronized void stopWatch() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    private void onWatch() {
        synchronized (this) {
            if (watch == null) {
                return; // stopped while this task was starting
            }
            if (waitBudgetNanos() > 0) {
                startWatch();
                return;
            }
            watch = null;
        }
        abort(timeoutException());
    }
}
