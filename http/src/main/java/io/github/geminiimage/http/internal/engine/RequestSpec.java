package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.RequestBody;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an endpoint asks to send, before the engine adds credentials, the common headers and the
 * deadline. Immutable.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param uri the full URI, built from an {@code Endpoint} (or an absolute upload URL)
 * @param query parameters the engine appends, URL-encoded, in order
 * @param headers headers of this request besides the common ones (e.g. upload commands)
 * @param body the body, repeatable; empty for none
 * @param secretUri whether the URI itself is a secret (a signed upload URL): then it is redacted
 *     from every message like the key
 */
public record RequestSpec(String method, URI uri, List<Map.Entry<String, String>> query,
        List<Map.Entry<String, String>> headers, Optional<RequestBody> body, boolean secretUri) {

    /** Copies the lists. */
    public RequestSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        query = List.copyOf(query);
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A {@code POST} of a JSON body to {@code uri}. */
    public static RequestSpec postJson(URI uri, RequestBody body) {
        return new RequestSpec("POST", uri, List.of(), List.of(Map.entry("Content-Type", "application/json")),
                Optional.of(body), false);
    }

    /** A request without a body ({@code GET}, {@code DELETE}). */
    public static RequestSpec withoutBody(String method, URI uri) {
        return new RequestSpec(method, uri, List.of(), List.of(), Optional.empty(), false);
    }

    /** This request with one more header, e.g. an {@code Accept} that replaces the engine's {@code application/json}. */
    public RequestSpec withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new RequestSpec(method, uri, query, more, body, secretUri);
    }

    /** This request with {@code name=value} appended to the query. */
    public RequestSpec withQueryParameter(String name, String value) {
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(query);
        more.add(Map.entry(name, value));
        return new RequestSpec(method, uri, more, headers, body, secretUri);
    }
}
