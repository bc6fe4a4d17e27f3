package io.github.geminiimage.adapter.httpclient5.internal;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code prefix-N}, so a leak is visible in a thread dump and never blocks JVM exit. */
public final class NamedDaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    /** Names threads {@code prefix-1}, {@code prefix-2}, ... */
    public NamedDaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * A pool of at most {@code maxThreads} threads named {@code prefix-N} that starts a thread only
     * when none is idle, and lets idle ones die after {@code keepAliveSeconds}; at the bound, extra
     * tasks wait in an unbounded queue (rejecting one would fail an exchange for no reason). A plain
     * pool with core = max would start a new thread for every task until it holds {@code maxThreads},
     * however few run at once.
     */
    public static ThreadPoolExecutor boundedPool(String prefix, int maxThreads, long keepAliveSeconds) {
        IdleFirstQueue queue = new IdleFirstQueue();
        return new ThreadPoolExecutor(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, queue,
                new NamedDaemonThreads(prefix), (task, pool) -> {
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
}
