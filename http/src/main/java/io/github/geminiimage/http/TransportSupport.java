package io.github.geminiimage.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers every transport needs, written once: waiting for an asynchronous exchange with exact
 * interruption, and named daemon threads.
 */
public final class TransportSupport {

    private TransportSupport() {
    }

    /**
     * Waits for {@code exchange}. If the waiting thread is interrupted, cancels the exchange (a
     * transport aborts it on cancel), keeps the interrupt flag and throws
     * {@link InterruptedIOException}. If the exchange failed with an {@link IOException}, throws
     * that same exception; an unchecked failure is rethrown as it is.
     */
    public static <T> T join(CompletableFuture<T> exchange) throws IOException {
        try {
            return exchange.get();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("the exchange was interrupted");
            interrupted.initCause(e);
            throw interrupted;
        } catch (CancellationException e) {
            InterruptedIOException cancelled = new InterruptedIOException("the exchange was cancelled");
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static IOException rethrow(Throwable cause) {
        Throwable unwrapped = cause;
        while ((unwrapped instanceof CompletionException || unwrapped instanceof UncheckedIOException)
                && unwrapped.getCause() != null) {
            unwrapped = unwrapped.getCause();
        }
        if (unwrapped instanceof IOException io) {
            return io;
        }
        if (unwrapped instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (unwrapped instanceof Error error) {
            throw error;
        }
        return new IOException(unwrapped);
    }
}
