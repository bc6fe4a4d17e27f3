package io.github.geminiimage.http;

import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The plug-in point for an HTTP client: moves bytes, knows nothing of Gemini or JSON. The http core
 * owns retrying, credentials, error mapping and decoding; a transport only performs one exchange.
 *
 * <p>The contract every implementation meets (checked by the {@code port-tck} transport suite):
 * <ul>
 *   <li><b>Thread safety.</b> Thread-safe: any number of concurrent exchanges.</li>
 *   <li><b>One attempt.</b> The transport never retries and never follows redirects: a 3xx is
 *       returned as a response like any other status. The client's own retry features are off.</li>
 *   <li><b>Body.</b> Sends exactly {@code request.contentLength()} bytes with that
 *       {@code Content-Length}, streaming from {@link RequestBody#writeTo}; never buffers it whole.
 *       The core may send the same request again (a retry): the body is repeatable.</li>
 *   <li><b>Time.</b> Applies the connect and inactivity timeouts it was configured with, and never
 *       lets the exchange, including reading the response body, outlive {@code request.deadline()}.
 *       A timeout surfaces as {@link java.io.InterruptedIOException} (usually
 *       {@link java.net.SocketTimeoutException}).</li>
 *   <li><b>Exceptions.</b> {@link IOException} means the exchange failed at the network level
 *       (refused, reset, closed early, malformed HTTP, timeout); whether it is retried is the core's
 *       decision. {@link java.net.ConnectException} means nothing was sent; a name that does not
 *       resolve is a {@link java.net.UnknownHostException} naming the host (never retried), a
 *       refused connection a {@code ConnectException} from {@link TransportSupport#connectFailure}.
 *       Programming errors are unchecked. Messages never contain header values.</li>
 *   <li><b>Cancellation.</b> Interrupting a thread blocked in {@link #send} aborts the exchange and
 *       throws {@link java.io.InterruptedIOException} with the interrupt flag set; cancelling the
 *       future of {@link #sendAsync} aborts the exchange and closes its connection.</li>
 *   <li><b>Resources.</b> Every response is closed by the caller; {@link #close()} releases what the
 *       transport created (pool, threads), never a client the caller lent it.</li>
 * </ul>
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Performs one exchange and returns once the response headers arrived. By default
     * {@link #sendAsync} joined: interrupting the waiting thread cancels the exchange (which aborts
     * it) and throws {@link java.io.InterruptedIOException} with the interrupt flag set.
     *
     * @throws IOException if the exchange failed before the headers arrived
     */
    default HttpResponse send(HttpRequest request) throws IOException {
        return TransportSupport.join(sendAsync(request));
    }

    /**
     * Performs one exchange without blocking the caller. The future completes with the response once
     * its headers arrived, or exceptionally with the {@link IOException} {@link #send} would throw.
     */
    CompletableFuture<HttpResponse> sendAsync(HttpRequest request);

    /** Releases what the transport owns. */
    @Override
    void close();
}
