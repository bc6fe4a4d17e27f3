package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.support.TransportSupport;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one client's engine: one timer (deadlines, waits between attempts and polls) and
 * readers (reply bodies, token fetches, blocking steps of async flows), started on first use, daemon
 * and named; or a scheduler the caller lends, which closing leaves running.
 *
 * @param timer runs the timers
 * @param readers reads replies and runs blocking work of async calls
 * @param shutdown stops what was created here (nothing for a lent scheduler)
 */
public record EngineThreads(ScheduledExecutorService timer, ExecutorService readers, Runnable shutdown) {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** New threads named {@code PREFIX-N-timer-M} and {@code PREFIX-N-reader-M}. */
    public static EngineThreads own(String prefix) {
        int id = INSTANCES.incrementAndGet();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                TransportSupport.daemonThreads(prefix + "-" + id + "-timer"));
        timer.setRemoveOnCancelPolicy(true); // a cancelled wait must not hold its task until it was due
        ThreadPoolExecutor readers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), TransportSupport.daemonThreads(prefix + "-" + id + "-reader"));
        List<ExecutorService> owned = List.of(timer, readers);
        return new EngineThreads(timer, readers, () -> owned.forEach(ExecutorService::shutdownNow));
    }

    /** The caller's scheduler for both jobs; not shut down. */
    public static EngineThreads lent(ScheduledExecutorService executor) {
        return new EngineThreads(executor, executor, () -> { });
    }
}
