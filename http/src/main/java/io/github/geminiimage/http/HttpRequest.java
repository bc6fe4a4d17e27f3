package io.github.geminiimage.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One HTTP exchange for a transport to perform, fully built by the core: method, URI, headers
 * (credentials included), an optional streaming body and the deadline. Immutable. A transport sends
 * it as given and adds nothing of its own beyond what HTTP framing needs ({@code Host},
 * {@code Content-Length}, {@code Connection}).
 *
 * @param method the HTTP method in upper case: {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}
 *     or {@code DELETE}
 * @param uri the full target URI; may carry a secret (a key in the query, a signed upload URL), so
 *     a transport never puts it in a message or log
 * @param headers the headers to send, in order (name, value); {@code Content-Length} is not among
 *     them: the transport sends {@code body.contentLength()}
 * @param sensitiveHeaders names (lower case) of the headers whose values are secrets: a transport
 *     marks them so (e.g. HttpClient 5's sensitive flag) and never logs or prints their values
 * @param body the body, repeatable; empty for a request without one ({@code GET}, {@code DELETE})
 * @param deadline the instant by which the whole exchange, including reading the reply body, must end
 */
public record HttpRequest(String method, URI uri, List<Map.Entry<String, String>> headers,
        Set<String> sensitiveHeaders, Optional<RequestBody> body, Instant deadline) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** Checks the method and copies the header list and the sensitive names (lower-cased). */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", was " + method);
        }
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        sensitiveHeaders = sensitiveHeaders.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A {@code POST} of {@code body} with no header marked sensitive. */
    public HttpRequest(URI uri, List<Map.Entry<String, String>> headers, RequestBody body, Instant deadline) {
        this("POST", uri, headers, Set.of(), Optional.of(body), deadline);
    }

    /** Whether {@code name}'s value is a secret (compared case-insensitively). */
    public boolean isSensitive(String name) {
        return sensitiveHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The body's exact length, 0 without a body. */
    public long contentLength() {
        return body.map(RequestBody::contentLength).orElse(0L);
    }

    @Override
    public String toString() {
        // Neither the header values nor the query: either may carry a secret.
        return "HttpRequest[" + method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                + ", " + contentLength() + " bytes]";
    }
}
