package io.github.geminiimage.adapter.jdkhttp.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded pools of named daemon threads, whose idle threads die, so an idle transport holds none. */
public final class NamedThreads {

    private NamedThreads() {
    }

    /**
     * A pool of at most {@code maxThreads} threads named {@code prefix-N}; extra tasks wait in an
     * unbounded queue (rejecting a task would fail an exchange for no reason).
     */
    public static ThreadPoolExecutor boundedPool(String prefix, int maxThreads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxThreads, maxThreads, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A one-thread scheduler named {@code prefix}, dropping cancelled tasks at once. */
    public static ScheduledThreadPoolExecutor timer(String prefix) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, factory(prefix));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    private static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
