package io.github.geminiimage.http;

import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The plug-in point for an HTTP client: moves bytes, knows nothing of Gemini or JSON. The http core
 * owns retrying, credentials, error mapping and decoding; a transport performs one exchange, never
 * retries and never follows redirects (a 3xx is a response like any other; the client's own retry
 * features are off). Thread-safe. The {@code port-tck} transport suite checks the contract written
 * here and on each method.
 *
 * <p>It sends exactly {@code request.contentLength()} bytes with that {@code Content-Length},
 * streaming from {@link RequestBody#writeTo}, never buffering it whole; the body is repeatable, as
 * the core may send the same request again. Messages never contain header values.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Performs one exchange and returns once the response headers arrived. By default
     * {@link #sendAsync} joined: interrupting the waiting thread cancels the exchange (which aborts
     * it) and throws {@link java.io.InterruptedIOException} with the interrupt flag set.
     *
     * <p>The connect and inactivity timeouts it was configured with apply, and the exchange, reading
     * the response body included, never outlives {@code request.deadline()}; a timeout surfaces as
     * an {@link java.io.InterruptedIOException} (usually a {@link java.net.SocketTimeoutException}).
     *
     * @throws IOException if the exchange failed at the network level before the headers arrived
     *     (refused, reset, closed early, malformed HTTP, timeout); whether it is retried is the
     *     core's decision. A {@link java.net.ConnectException} means nothing was sent (a refused
     *     connection is one from {@link TransportSupport#connectFailure}); a name that does not
     *     resolve is a {@link java.net.UnknownHostException} naming the host, never retried.
     *     Programming errors are unchecked.
     */
    default HttpResponse send(HttpRequest request) throws IOException {
        return TransportSupport.join(sendAsync(request));
    }

    /**
     * Performs one exchange without blocking the caller. The future completes with the response once
     * its headers arrived, or exceptionally with the {@link IOException} {@link #send} would throw.
     * Cancelling the future aborts the exchange and closes its connection.
     */
    CompletableFuture<HttpResponse> sendAsync(HttpRequest request);

    /**
     * Releases what the transport created (pool, threads), never a client the caller lent it. Every
     * response is closed by its caller, not here.
     */
    @Override
    void close();
}
