package io.github.geminiimage.http;

import java.util.Objects;
import java.util.Optional;

/**
 * How calls prove who they are: an API key placed one of the {@link AuthScheme} ways, or OAuth2
 * access tokens from an {@link AccessTokenSource} (Vertex AI), sent as {@code Authorization:
 * Bearer}. The core applies them in exactly one place per request, marks those headers sensitive
 * for the transport, and never prints them: {@link #toString()} names the kind only. Immutable.
 *
 * <p>Tokens are cached, fetched again shortly before they expire, and once more (with one retry of
 * the call) when the server answers 401; concurrent calls needing a token share one fetch.
 */
public final class Credentials {

    private final ApiKey apiKey;
    private final AuthScheme scheme;
    private final AccessTokenSource tokens;

    private Credentials(ApiKey apiKey, AuthScheme scheme, AccessTokenSource tokens) {
        this.apiKey = apiKey;
        this.scheme = scheme;
        this.tokens = tokens;
    }

    /** An API key in Google's {@code x-goog-api-key} header. */
    public static Credentials apiKey(ApiKey key) {
        return apiKey(key, AuthScheme.GOOGLE_API_KEY_HEADER);
    }

    /** An API key placed the {@code scheme} way. */
    public static Credentials apiKey(ApiKey key, AuthScheme scheme) {
        return new Credentials(Objects.requireNonNull(key, "apiKey"), Objects.requireNonNull(scheme, "scheme"), null);
    }

    /** Access tokens from {@code source}, sent as {@code Authorization: Bearer}. */
    public static Credentials accessTokens(AccessTokenSource source) {
        return new Credentials(null, null, Objects.requireNonNull(source, "source"));
    }

    /**
     * The credentials a builder was given, or a refusal saying what {@code endpoint} needs: an
     * API key for the Gemini API and Vertex AI express mode, access tokens for Vertex AI with a
     * project. For the adapters' builders.
     *
     * @throws IllegalStateException if none were given
     */
    public static Credentials requireFor(Endpoint endpoint, Optional<Credentials> given) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(given, "given");
        if (given.isPresent()) {
            return given.get();
        }
        if (endpoint.usesAccessTokens()) {
            throw new IllegalStateException("an AccessTokenSource is required for Vertex AI (project "
                    + endpoint.project().orElse("?") + ", location " + endpoint.location().orElse("?")
                    + "): pass .accessTokens(source), e.g. GoogleCredentialsTokenSource.applicationDefault() "
                    + "from gemini-image-auth-google");
        }
        if (endpoint.isVertexExpress()) {
            throw new IllegalStateException("apiKey is required: Vertex AI express mode takes an express-mode API key, "
                    + "e.g. .apiKey(System.getenv(\"GEMINI_API_KEY\"))");
        }
        throw new IllegalStateException("apiKey is required: set GEMINI_API_KEY and pass "
                + ".apiKey(System.getenv(\"GEMINI_API_KEY\"))");
    }

    /** The API key, for key credentials. */
    public Optional<ApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** Where the key goes, for key credentials. */
    public Optional<AuthScheme> scheme() {
        return Optional.ofNullable(scheme);
    }

    /** The token source, for token credentials. */
    public Optional<AccessTokenSource> tokenSource() {
        return Optional.ofNullable(tokens);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials c && Objects.equals(c.apiKey, apiKey) && c.scheme == scheme
                && Objects.equals(c.tokens, tokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiKey, scheme, tokens);
    }

    /** The kind only: {@code Credentials[apiKey, GOOGLE_API_KEY_HEADER]} or {@code Credentials[accessTokens]}. */
    @Override
    public String toString() {
        return apiKey != null ? "Credentials[apiKey, " + scheme + "]" : "Credentials[accessTokens]";
    }
}
