package io.github.geminiimage.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP exchange to perform: always a {@code POST} of a JSON body. Immutable.
 *
 * @param uri the full target URI
 * @param headers the headers to send, in order (name, value); {@code Content-Length} is not among
 *     them: the transport sends {@code body.contentLength()}
 * @param body the body, repeatable
 * @param deadline the instant by which the whole exchange, including reading the reply body, must end
 */
public record HttpRequest(URI uri, List<Map.Entry<String, String>> headers, RequestBody body, Instant deadline) {

    /** Copies the header list. */
    public HttpRequest {
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** The HTTP method: always {@code POST}. */
    public String method() {
        return "POST";
    }

    @Override
    public String toString() {
        // Never the header values: one of them carries the key.
        return "HttpRequest[POST " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath()
                + ", " + body.contentLength() + " bytes]";
    }
}
