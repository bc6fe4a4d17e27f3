package io.github.geminiimage.adapter.jdkhttp.internal;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
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
     * A pool of at most {@code maxThreads} threads named {@code prefix-N} that starts a thread only
     * when none is idle; at the bound, extra tasks wait in an unbounded queue (rejecting a task would
     * fail an exchange for no reason). A plain pool with core = max would start a new thread for
     * every task until it holds {@code maxThreads}, however few run at once.
     */
    public static ThreadPoolExecutor boundedPool(String prefix, int maxThreads) {
        IdleFirstQueue queue = new IdleFirstQueue();
        return new ThreadPoolExecutor(0, maxThreads, 10, TimeUnit.SECONDS, queue, factory(prefix), (task, pool) -> {
            if (pool.isShutdown()) {
                throw new RejectedExecutionException("the pool " + prefix + " was shut down");
            }
            queue.enqueue(task);
        });
    }

    /**
     * Offers a task only to a thread already waiting for one, so the executor grows when none is
     * idle; tasks refused at the pool's bound are queued by the rejection handler instead.
     */
    static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
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
