package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.AsyncCalls;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the fake Files and Batch services do around each call, written once: fail it when the service
 * is closed or when a failure was scripted for its operation ({@link #failNext}), and run async calls
 * on the lent executor or on daemon threads of the service's own, which {@link #shutdown} stops.
 * Thread-safe.
 *
 * @param <O> the service's operations
 */
final class ScriptedCalls<O extends Enum<O>> {

    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final Supplier<TransportException> closedFailure;
    private final Map<O, Deque<Supplier<? extends ImageGenerationException>>> failures;
    private volatile boolean closed;

    /**
     * @param lent the caller's executor, or null for threads named {@code threadPrefix} and a number
     * @param closedFailure what a call on the closed service fails with
     */
    ScriptedCalls(Class<O> operations, Executor lent, String threadPrefix, Supplier<TransportException> closedFailure) {
        this.failures = new EnumMap<>(operations);
        this.closedFailure = closedFailure;
        this.ownedExecutor = lent == null ? Executors.newCachedThreadPool(daemonThreads(threadPrefix)) : null;
        this.executor = lent == null ? ownedExecutor : lent;
    }

    /** Threads that do not keep the JVM alive, named {@code prefix} and a count. */
    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Queues a failure for the next call of {@code operation}; failures queue in order, per operation. */
    void failNext(O operation, Supplier<? extends ImageGenerationException> failure) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(failure, "failure");
        synchronized (failures) {
            failures.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(failure);
        }
    }

    /** Starts a call of {@code operation}: throws when the service is closed or a failure is queued for it. */
    void begin(O operation) {
        if (closed) {
            throw closedFailure.get();
        }
        Supplier<? extends ImageGenerationException> failure;
        synchronized (failures) {
            Deque<Supplier<? extends ImageGenerationException>> queue = failures.get(operation);
            failure = queue == null ? null : queue.poll();
        }
        if (failure != null) {
            throw failure.get();
        }
    }

    /** {@code work} on the executor; a closed service fails the future. */
    <T> CompletableFuture<T> async(Supplier<T> work) {
        return AsyncCalls.run(executor, work, closedFailure);
    }

    /** Whether {@link #shutdown} ran. */
    boolean isClosed() {
        return closed;
    }

    /** Refuses later calls and stops the threads made here (never a lent executor). */
    void shutdown() {
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }
}
