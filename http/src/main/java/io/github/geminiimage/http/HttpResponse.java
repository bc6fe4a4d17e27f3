package io.github.geminiimage.http;

import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The status, headers and body stream of a reply, handed back by an {@link HttpTransport} as soon
 * as the headers arrived. The body is read as it arrives. Not thread-safe, except {@link #close()},
 * which may be called from any thread (to abort a read in progress).
 */
public interface HttpResponse extends Closeable {

    /** The HTTP status code. */
    int statusCode();

    /** Every header, names as received. */
    Map<String, List<String>> headers();

    /** The first value of a header, the name compared case-insensitively. */
    default Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> entry : headers().entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The declared body length ({@code Content-Length}), when the server sent one. */
    default OptionalLong contentLength() {
        return header("Content-Length").map(String::trim).filter(v -> v.matches("\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    /**
     * The body exactly as it came off the wire, after the transfer framing (chunked) is removed but
     * <em>not</em> decompressed: a transport never inflates a {@code Content-Encoding}, the core does
     * (so that a bad gzip stream is judged the same way on every transport). Reading it blocks until
     * bytes arrive; it fails with {@link java.io.InterruptedIOException} (usually
     * {@link java.net.SocketTimeoutException}) when the inactivity timeout or the request's deadline
     * passes, and with another {@link java.io.IOException} when the connection breaks.
     */
    InputStream body();

    /**
     * Releases the exchange. Unless the body was read to its end (the transport saw the end of the
     * framing), the connection is aborted and closed, never drained into a pool: a body the core
     * stopped reading may be endless or lying about its length. Idempotent; safe from any thread.
     */
    @Override
    void close();
}
