package io.github.geminiimage.http.support;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers every transport needs, written once: waiting for an asynchronous exchange with exact
 * interruption, named daemon threads and the bounded pools and timers built on them, checking a
 * reply's {@code Content-Length}, and exceptions that are safe to report (fresh copies for another
 * thread, connect failures without path or query). Writing a body of exactly its declared length is
 * {@link io.github.geminiimage.http.RequestBody#writeExactly}.
 */
public final class TransportSupport {

    private static final Duration MAX_WAIT = Duration.ofDays(36_500);

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

    /**
     * A pool of at most {@code maxThreads} daemon threads named {@code prefix-N} that starts a thread
     * only when none is idle and lets idle ones die after {@code keepAliveSeconds}, so an idle
     * transport holds none. At the bound, extra tasks wait in an unbounded queue (rejecting one would
     * fail an exchange for no reason); after {@code shutdown} they are rejected. A plain pool with
     * core = max would start a new thread for every task until it holds {@code maxThreads}.
     */
    public static ThreadPoolExecutor boundedPool(String prefix, int maxThreads, long keepAliveSeconds) {
        IdleFirstQueue queue = new IdleFirstQueue();
        return new ThreadPoolExecutor(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, queue, daemonThreads(prefix),
                (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the pool " + prefix + " was shut down");
                    }
                    queue.enqueue(task);
                });
    }

    /**
     * A one-thread scheduler of a daemon thread named {@code prefix-N} that drops cancelled tasks at
     * once and whose thread dies after {@code keepAliveSeconds} idle.
     */
    public static ScheduledThreadPoolExecutor timer(String prefix, long keepAliveSeconds) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads(prefix));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(keepAliveSeconds, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** Offers a task only to an idle thread, so the pool grows; the rejection handler queues the rest. */
    private static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }

    /**
     * Why a reply's framing must be refused (RFC 9112 §6.3), given its {@code Content-Length} values:
     * values that differ, or one that is not a non-negative decimal number. A client that takes the
     * first value, or reads a negative one as "until the connection closes", would misframe the body.
     */
    public static Optional<ProtocolException> malformedContentLength(List<String> values) {
        List<String> lengths = values.stream().map(String::trim).distinct().toList();
        if (lengths.size() > 1) {
            return Optional.of(new ProtocolException("malformed reply: " + lengths.size()
                    + " different Content-Length values"));
        }
        if (lengths.size() == 1 && !lengths.get(0).matches("\\d{1,18}")) {
            return Optional.of(new ProtocolException("malformed reply: Content-Length is not a non-negative number"));
        }
        return Optional.empty();
    }

    /**
     * A {@link ConnectException} naming only the host and port of {@code uri} (its path and query may
     * hold a secret), caused by {@code cause}: {@code connection refused (host:port)} when the
     * server refused it (Java 17's client reports that as a bare {@link ClosedChannelException}),
     * otherwise {@code could not connect to host:port} and the underlying reason. For clients whose
     * own exception has no message, or quotes more than host and port.
     */
    public static ConnectException connectFailure(URI uri, Throwable cause) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String where = uri.getHost() + ":" + port;
        Throwable root = cause;
        boolean refused = false;
        for (int depth = 0; root != null && depth < 16; depth++) {
            String message = root.getMessage();
            refused |= root instanceof ClosedChannelException || root instanceof ConnectException
                    && message != null && message.toLowerCase(Locale.ROOT).contains("refused");
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String reason = "";
        String message = root == null ? null : root.getMessage();
        // Not a message that quotes the host: a client may quote the whole URI.
        if (!refused && message != null && !message.isBlank() && !message.contains(uri.getHost())) {
            reason = " (" + root.getClass().getSimpleName() + ": " + message + ")";
        }
        ConnectException failure = new ConnectException(refused ? "connection refused (" + where + ")"
                : "could not connect to " + where + reason);
        failure.initCause(cause);
        return failure;
    }

    /**
     * A fresh exception of the same kind ({@link SocketTimeoutException}, {@link InterruptedIOException},
     * {@link ConnectException}, {@link ProtocolException}, else {@link IOException}) and message,
     * caused by {@code e}: a failure recorded once and reported by several threads then carries the
     * stack of each thread that reports it.
     */
    public static IOException freshCopy(IOException e) {
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

    /**
     * {@code d} in nanoseconds for waits measured against {@link System#nanoTime()}: zero if
     * negative, at most about a century, so that a far deadline neither overflows {@code toNanos()}
     * nor a sum with {@code nanoTime()}.
     */
    public static long clampedNanos(Duration d) {
        return d.isNegative() ? 0 : d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT.toNanos() : d.toNanos();
    }

    /**
     * The failure inside the wrappers of asynchronous code ({@link CompletionException},
     * {@link ExecutionException}, {@link UncheckedIOException}), or {@code failure} itself.
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable unwrapped = failure;
        while ((unwrapped instanceof CompletionException || unwrapped instanceof ExecutionException
                || unwrapped instanceof UncheckedIOException) && unwrapped.getCause() != null) {
            unwrapped = unwrapped.getCause();
        }
        return unwrapped;
    }

    private static IOException rethrow(Throwable cause) {
        Throwable unwrapped = unwrap(cause);
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
