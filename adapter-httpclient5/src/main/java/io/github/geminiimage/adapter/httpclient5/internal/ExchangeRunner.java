package io.github.geminiimage.adapter.httpclient5.internal;

import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The life of one exchange: runs it on a worker, aborts it when its deadline passes, when its future
 * is cancelled, when the transport closes or its response is closed early, and turns the failure
 * that the abort causes into the exception the SPI promises. Aborting cancels the HttpClient
 * request, which closes its connection at once (never drains it) and fails any read in progress.
 */
public final class ExchangeRunner {

    /** Why an exchange was aborted; each makes the exception every later failure reports. */
    public enum Abort {
        /** The request's deadline passed. */
        DEADLINE(() -> new SocketTimeoutException("the request's deadline passed before the exchange ended")),
        /** The caller cancelled the future (or interrupted the thread joining it). */
        CANCELLED(() -> new InterruptedIOException("the exchange was cancelled")),
        /** The transport was closed. */
        TRANSPORT_CLOSED(() -> new IOException("the transport was closed during the exchange")),
        /** The caller closed the response before the end of its body. */
        RESPONSE_CLOSED(() -> new IOException("the response was closed"));

        private final Supplier<IOException> exception;

        Abort(Supplier<IOException> exception) {
            this.exception = exception;
        }
    }

    private final HttpUriRequestBase request;
    private final Instant deadline;
    private final Consumer<ExchangeRunner> onFinish;
    private final CompletableFuture<HttpResponse> future = new CompletableFuture<>();
    private final AtomicReference<Abort> abort = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ScheduledFuture<?> watchdog;

    /**
     * @param request the HttpClient request, ready to execute
     * @param deadline when the whole exchange, reading the body included, must end
     * @param onFinish told once, when the exchange no longer needs aborting
     */
    public ExchangeRunner(HttpUriRequestBase request, Instant deadline, Consumer<ExchangeRunner> onFinish) {
        this.request = request;
        this.deadline = deadline;
        this.onFinish = onFinish;
        future.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                abort(Abort.CANCELLED);
            }
        });
    }

    /** Completes with the response once its headers arrived, or with the exchange's failure. */
    public CompletableFuture<HttpResponse> future() {
        return future;
    }

    /** Schedules the abort at the deadline, or aborts now when it already passed. */
    public void armDeadline(ScheduledExecutorService scheduler) {
        long nanos = Duration.between(Instant.now(), deadline).toNanos();
        if (nanos <= 0) {
            abort(Abort.DEADLINE);
            return;
        }
        watchdog = scheduler.schedule(() -> abort(Abort.DEADLINE), nanos, TimeUnit.NANOSECONDS);
        if (finished.get()) {
            watchdog.cancel(false);
        }
    }

    /** Performs the exchange on the calling (worker) thread and completes the future. */
    public void execute(HttpClient client) {
        if (future.isDone()) {
            // Aborted while it waited for a worker: never touch the network.
            finish();
            return;
        }
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, request, null);
        } catch (ConnectException e) {
            // HttpClient's quotes the scheme and reads "Connect to ... failed": the SPI's names host and port.
            fail(translate(aborted() ? e : TransportSupport.connectFailure(uri(), e)));
            return;
        } catch (IOException e) {
            fail(translate(e));
            return;
        } catch (RuntimeException | Error e) {
            request.cancel();
            fail(e);
            return;
        }
        ExchangeResponse wrapped;
        try {
            wrapped = new ExchangeResponse(response, this);
        } catch (IOException e) {
            request.cancel();
            try {
                response.close();
            } catch (IOException | RuntimeException ignored) {
                // Cancelled: the connection is already discarded.
            }
            fail(translate(e));
            return;
        }
        if (!future.complete(wrapped)) {
            // Cancelled or timed out while the headers arrived: nobody will read it.
            wrapped.close();
        }
    }

    private URI uri() {
        try {
            return request.getUri();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the request was built from a URI", e);
        }
    }

    private void fail(Throwable failure) {
        future.completeExceptionally(failure);
        finish();
    }

    /** Aborts the exchange (idempotent; safe from any thread): closes its connection and fails its future. */
    public void abort(Abort reason) {
        abort.compareAndSet(null, reason);
        request.cancel();
        future.completeExceptionally(abort.get().exception.get());
        finish();
    }

    /** Whether the exchange was aborted. */
    boolean aborted() {
        return abort.get() != null;
    }

    /** Stops the watchdog and tells the owner; idempotent. */
    void finish() {
        if (finished.compareAndSet(false, true)) {
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            onFinish.accept(this);
        }
    }

    /**
     * The exception to surface for an I/O failure of this exchange: the abort's own exception when it
     * was aborted (a deadline becomes a {@link SocketTimeoutException}, whatever the closed socket
     * threw), otherwise the failure itself.
     */
    IOException translate(IOException failure) {
        Abort reason = abort.get();
        if (reason == null) {
            return failure;
        }
        IOException mapped = reason.exception.get();
        mapped.initCause(failure);
        return mapped;
    }
}
