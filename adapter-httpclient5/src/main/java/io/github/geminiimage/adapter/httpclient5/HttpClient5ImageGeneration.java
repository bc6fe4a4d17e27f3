package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Builds an {@link ImageGenerationPort} that talks HTTP through Apache HttpClient 5:
 * <pre>{@code
 * try (ImageGenerationPort images = HttpClient5ImageGeneration.builder()
 *         .apiKey(System.getenv("GEMINI_API_KEY"))
 *         .build()) {
 *     GenerationResult result = images.generate(request);
 * }
 * }</pre>
 * Vertex AI, with tokens from Application Default Credentials (module {@code gemini-image-auth-google}):
 * <pre>{@code
 * HttpClient5ImageGeneration.builder()
 *         .endpoint(Endpoint.vertex("my-project", "us-central1"))
 *         .accessTokens(GoogleCredentialsTokenSource.applicationDefault())
 *         .build();
 * }</pre>
 * The port owns the {@link HttpClient5Transport} it creates and closes it on {@code close()}; a
 * client passed to {@link Builder#httpClient} stays the caller's and stays open.
 */
public final class HttpClient5ImageGeneration {

    private HttpClient5ImageGeneration() {
    }

    /** A builder; only the credentials (an API key, or access tokens for Vertex AI) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds the port. Not thread-safe. */
    public static final class Builder {
        private Optional<URI> baseUri = Optional.empty();
        private Optional<Endpoint> endpoint = Optional.empty();
        private Optional<ApiKey> apiKey = Optional.empty();
        private Optional<Credentials> credentials = Optional.empty();
        private HttpOptions options = HttpOptions.defaults();
        private Optional<CloseableHttpClient> httpClient = Optional.empty();

        private Builder() {
        }

        /**
         * The endpoint base, e.g. a proxy's or a local server's mirroring the endpoint's layout;
         * overrides the one in {@link #options} and {@link #endpoint} (default Google's).
         */
        public Builder baseUri(URI uri) {
            this.baseUri = Optional.of(Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** Where calls go, e.g. {@link Endpoint#vertex}; overrides the one in {@link #options}. */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = Optional.of(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * The API key (Gemini API, Vertex AI express mode), sent per the options' auth scheme;
         * replaces other credentials.
         *
         * @throws IllegalArgumentException if it is blank or holds characters a header cannot carry
         */
        public Builder apiKey(String key) {
            this.apiKey = Optional.of(ApiKey.of(key));
            this.credentials = Optional.empty();
            return this;
        }

        /** The credentials (a key and its scheme, or access tokens); replaces an {@link #apiKey(String)}. */
        public Builder credentials(Credentials credentials) {
            this.credentials = Optional.of(Objects.requireNonNull(credentials, "credentials"));
            this.apiKey = Optional.empty();
            return this;
        }

        /** OAuth2 access tokens (Vertex AI), cached and refreshed by the port: {@code credentials(Credentials.accessTokens(source))}. */
        public Builder accessTokens(AccessTokenSource source) {
            return credentials(Credentials.accessTokens(source));
        }

        /** Timeouts, retries, caps, auth scheme and the rest (default {@link HttpOptions#defaults()}). */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * A client the caller configured (proxy, TLS, pool) and keeps owning; build it with
         * {@code disableAutomaticRetries()}. Default: a client the transport builds and owns.
         */
        public Builder httpClient(CloseableHttpClient client) {
            this.httpClient = Optional.of(Objects.requireNonNull(client, "httpClient"));
            return this;
        }

        /**
         * Builds the port.
         *
         * @throws IllegalStateException if neither an API key nor credentials were given (the
         *     message says which the endpoint needs)
         * @throws IllegalArgumentException if the base URI makes the options invalid
         */
        public ImageGenerationPort build() {
            HttpOptions effective = options;
            if (endpoint.isPresent() || baseUri.isPresent()) {
                HttpOptions.Builder adjusted = options.toBuilder();
                endpoint.ifPresent(adjusted::endpoint);
                baseUri.ifPresent(adjusted::baseUri);
                effective = adjusted.build();
            }
            AuthScheme scheme = effective.authScheme();
            Credentials given = Credentials.requireFor(effective.endpoint(),
                    credentials.or(() -> apiKey.map(key -> Credentials.apiKey(key, scheme))));
            TransportSettings settings = effective.transportSettings();
            HttpClient5Transport transport = httpClient
                    .map(client -> HttpClient5Transport.using(client, settings))
                    .orElseGet(() -> HttpClient5Transport.create(settings));
            return HttpImageGeneration.builder(transport, given).options(effective).ownsTransport(true).build();
        }
    }
}
