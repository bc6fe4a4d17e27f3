package io.github.geminiimage.adapter.fake.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** Runs a sync call on an executor as a future that completes as the call returns or throws. */
public final class AsyncCalls {

    private AsyncCalls() {
    }

    /** The future of {@code work} run on {@code executor}; {@code closed} fails it if the executor refuses. */
    public static <T> CompletableFuture<T> run(Executor executor, Supplier<T> work, Supplier<? extends RuntimeException> closed) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (future.isDone()) {
                    return;
                }
                try {
                    future.complete(work.get());
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closed.get());
        }
        return future;
    }
}
