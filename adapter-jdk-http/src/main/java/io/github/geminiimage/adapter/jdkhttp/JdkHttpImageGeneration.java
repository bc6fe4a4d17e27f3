package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.ImageGenerationPort;
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

    /**
     * Builds the ports over the JDK's client: where calls go, the credentials and the options come
     * from {@link HttpPortBuilder}; this adds the client a caller may lend. Not thread-safe.
     */
    public static final class Builder extends HttpPortBuilder<Builder> {
        private Optional<HttpClient> httpClient = Optional.empty();

        private Builder() {
        }

        /**
         * A client the caller configured (proxy, TLS, executor, version) and keeps owning: the port
         * never closes it. It must not follow redirects; its own connect timeout applies.
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Optional.of(Objects.requireNonNull(client, "httpClient"));
            return this;
        }

        @Override
        protected HttpTransport transport(TransportSettings settings) {
            return httpClient.map(client -> JdkHttpTransport.using(client, settings))
                    .orElseGet(() -> JdkHttpTransport.create(settings));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
