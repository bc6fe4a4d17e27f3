package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.ImageGenerationPort;
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

    /**
     * Builds the ports over HttpClient 5: where calls go, the credentials and the options come from
     * {@link HttpPortBuilder}; this adds the client a caller may lend. Not thread-safe.
     */
    public static final class Builder extends HttpPortBuilder<Builder> {
        private Optional<CloseableHttpClient> httpClient = Optional.empty();

        private Builder() {
        }

        /**
         * A client the caller configured (proxy, TLS, pool) and keeps owning; build it with
         * {@code disableAutomaticRetries()}. Default: a client the transport builds and owns.
         */
        public Builder httpClient(CloseableHttpClient client) {
            this.httpClient = Optional.of(Objects.requireNonNull(client, "httpClient"));
            return this;
        }

        @Override
        protected HttpTransport transport(TransportSettings settings) {
            return httpClient.map(client -> HttpClient5Transport.using(client, settings))
                    .orElseGet(() -> HttpClient5Transport.create(settings));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
