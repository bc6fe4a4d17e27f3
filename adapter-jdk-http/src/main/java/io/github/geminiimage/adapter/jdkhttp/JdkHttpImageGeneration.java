package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point of this adapter: an {@link ImageGenerationPort} over the JDK's
 * {@code HttpClient}. For example:
 *
 * <pre>{@code
 * try (ImageGenerationPort images = JdkHttpImageGeneration.builder()
 *         .apiKey(System.getenv("GEMINI_API_KEY"))
 *         .build()) {
 *     GenerationResult result = images.generate(GenerationRequest.builder().prompt("a red bicycle").build());
 * }
 * }</pre>
 *
 * <p>Vertex AI, with tokens from Application Default Credentials (module {@code gemini-image-auth-google}):
 * <pre>{@code
 * JdkHttpImageGeneration.builder()
 *         .endpoint(Endpoint.vertex("my-project", "us-central1"))
 *         .accessTokens(GoogleCredentialsTokenSource.applicationDefault())
 *         .build();
 * }</pre>
 *
 * <p>The port is {@link HttpImageGeneration} (retries, deadlines, error mapping, decoding) over a
 * {@link JdkHttpTransport}; closing the port closes the transport and the threads it created, but
 * never an {@link HttpClient} lent with {@link Builder#httpClient(HttpClient)}.
 */
public final class JdkHttpImageGeneration {

    private JdkHttpImageGeneration() {
    }

    /** A builder with the default options (Google's endpoint). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds the port. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private URI baseUri;
        private Endpoint endpoint;
        private String apiKey;
        private Credentials credentials;
        private HttpOptions options = HttpOptions.defaults();
        private HttpClient httpClient;

        private Builder() {
        }

        /**
         * The endpoint base, e.g. a proxy's or a local server's mirroring the endpoint's layout;
         * overrides the one in {@link #options(HttpOptions)} and {@link #endpoint(Endpoint)}.
         */
        public Builder baseUri(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            return this;
        }

        /** Where calls go, e.g. {@link Endpoint#vertex}; overrides the one in {@link #options(HttpOptions)}. */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The API key (Gemini API, Vertex AI express mode), sent per the options' auth scheme; replaces other credentials. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.credentials = null;
            return this;
        }

        /** The credentials (a key and its scheme, or access tokens); replaces an {@link #apiKey(String)}. */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.apiKey = null;
            return this;
        }

        /** OAuth2 access tokens (Vertex AI), cached and refreshed by the port: {@code credentials(Credentials.accessTokens(source))}. */
        public Builder accessTokens(AccessTokenSource source) {
            return credentials(Credentials.accessTokens(source));
        }

        /** Timeouts, retries, caps, headers and the auth scheme. */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * A client the caller configured (proxy, TLS, executor, version) and keeps owning: the port
         * never closes it. It must not follow redirects; its own connect timeout applies.
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /**
         * Checks and builds.
         *
         * @throws IllegalStateException if neither an API key nor credentials were given (the
         *     message says which the endpoint needs)
         * @throws IllegalArgumentException if the key cannot be sent in a header, the base URI is
         *     not usable, or the lent client follows redirects
         */
        public ImageGenerationPort build() {
            // The endpoint and base URI set here win over the options' ones; build() checks them again.
            HttpOptions.Builder adjusted = options.toBuilder();
            if (endpoint != null) {
                adjusted.endpoint(endpoint);
            }
            if (baseUri != null) {
                adjusted.baseUri(baseUri);
            }
            HttpOptions effective = endpoint == null && baseUri == null ? options : adjusted.build();
            Credentials given = Credentials.requireFor(effective.endpoint(), Optional.ofNullable(credentials)
                    .or(() -> Optional.ofNullable(apiKey).map(k -> Credentials.apiKey(ApiKey.of(k), effective.authScheme()))));
            JdkHttpTransport transport = httpClient == null
                    ? JdkHttpTransport.create(effective.transportSettings())
                    : JdkHttpTransport.using(httpClient, effective.transportSettings());
            return HttpImageGeneration.builder(transport, given).options(effective).ownsTransport(true).build();
        }
    }
}
