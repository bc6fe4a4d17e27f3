package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place credentials go on a request: a key in its header, its {@code Authorization} form
 * or the query, or a cached access token as a bearer token. Thread-safe.
 */
final class Authenticator {

    private final Credentials credentials;
    private final Optional<TokenCache> tokens;

    Authenticator(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.tokens = credentials.tokenSource().map(source -> new TokenCache(source, clock));
    }

    /** The header naming the project billed for quota, sent with tokens whose source names one. */
    static final String QUOTA_PROJECT_HEADER = "x-goog-user-project";

    /**
     * What one attempt carries: the URI (with {@code ?key=} when the key goes there), the header
     * holding the secret, the token used, if any, and the quota project header, if any (not a secret).
     */
    record Applied(URI uri, Optional<Map.Entry<String, String>> header, Optional<AccessToken> token,
            Optional<Map.Entry<String, String>> quotaProject) {

        Applied(URI uri, Optional<Map.Entry<String, String>> header, Optional<AccessToken> token) {
            this(uri, header, token, Optional.empty());
        }

        /** Names of the headers whose values are secrets. */
        Set<String> sensitiveHeaders() {
            return header.map(h -> Set.of(h.getKey())).orElse(Set.of());
        }
    }

    /** The fixed secret (the API key), for redaction; empty for tokens. */
    String fixedSecret() {
        return credentials.apiKey().map(k -> k.reveal()).orElse("");
    }

    /** Whether applying may block on a token fetch. */
    boolean mayBlock() {
        return tokens.isPresent() && !tokens.get().hasFreshToken();
    }

    /** Whether a 401 is answered by refreshing the token and trying once more. */
    boolean refreshable() {
        return tokens.isPresent();
    }

    /**
     * Applies the credentials to a request for {@code uri}.
     *
     * @throws IOException if a token was needed and the source failed
     */
    Applied apply(URI uri) throws IOException {
        if (tokens.isPresent()) {
            AccessToken token = tokens.get().current();
            Optional<Map.Entry<String, String>> quota = credentials.tokenSource().orElseThrow().quotaProject()
                    .filter(project -> !project.isBlank() && project.chars().allMatch(c -> c > 0x20 && c < 0x7f))
                    .map(project -> Map.entry(QUOTA_PROJECT_HEADER, project));
            return new Applied(uri, Optional.of(Map.entry("Authorization", "Bearer " + token.reveal())), Optional.of(token),
                    quota);
        }
        String key = credentials.apiKey().orElseThrow().reveal();
        AuthScheme scheme = credentials.scheme().orElseThrow();
        return switch (scheme) {
            case GOOGLE_API_KEY_HEADER -> new Applied(uri, Optional.of(Map.entry("x-goog-api-key", key)), Optional.empty());
            case BEARER -> new Applied(uri, Optional.of(Map.entry("Authorization", "Bearer " + key)), Optional.empty());
            case RAW_AUTHORIZATION -> new Applied(uri, Optional.of(Map.entry("Authorization", key)), Optional.empty());
            case QUERY_PARAMETER -> new Applied(withQuery(uri, List.of(Map.entry("key", key))), Optional.empty(), Optional.empty());
        };
    }

    /** The server refused what {@code applied} carried: forget its token. */
    void refused(Applied applied) {
        applied.token().ifPresent(token -> tokens.ifPresent(cache -> cache.invalidate(token)));
    }

    /** {@code uri} with {@code params} appended to its query, each name and value URL-encoded. */
    static URI withQuery(URI uri, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return uri;
        }
        StringBuilder text = new StringBuilder(uri.toString());
        char separator = uri.getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> param : params) {
            text.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(text.toString());
    }
}
