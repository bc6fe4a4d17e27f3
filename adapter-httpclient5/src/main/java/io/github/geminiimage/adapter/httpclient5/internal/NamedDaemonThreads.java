package io.github.geminiimage.adapter.httpclient5.internal;

import java.util.concurrent.ThreadFactory;
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
}
