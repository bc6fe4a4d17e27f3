package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpFiles;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.FilesPort;
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
 * The port owns the {@link HttpClient5Transport} it creates and closes it on {@code close()}; a
 * client passed to {@link Builder#httpClient} stays the caller's and stays open.
 */
public final class HttpClient5ImageGeneration {

    private HttpClient5ImageGeneration() {
    }

    /** A builder; only the API key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds the port. Not thread-safe. */
    public static final class Builder {
        private Optional<URI> baseUri = Optional.empty();
        private Optional<ApiKey> apiKey = Optional.empty();
        private HttpOptions options = HttpOptions.defaults();
        private Optional<CloseableHttpClient> httpClient = Optional.empty();

        private Builder() {
        }

        /** The endpoint base, e.g. a proxy's; overrides the one in {@link #options} (default Google's). */
        public Builder baseUri(URI uri) {
            this.baseUri = Optional.of(Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /**
         * The API key (required).
         *
         * @throws IllegalArgumentException if it is blank or holds characters a header cannot carry
         */
        public Builder apiKey(String key) {
            this.apiKey = Optional.of(ApiKey.of(key));
            return this;
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
         * @throws IllegalStateException if no API key was given
         * @throws IllegalArgumentException if the base URI makes the options invalid
         */
        public ImageGenerationPort build() {
            ApiKey key = apiKey.orElseThrow(() -> new IllegalStateException("apiKey is required"));
            HttpOptions effective = baseUri.map(uri -> options.toBuilder().baseUri(uri).build()).orElse(options);
            HttpClient5Transport transport = httpClient
                    .map(client -> HttpClient5Transport.using(client, effective.transportSettings()))
                    .orElseGet(() -> HttpClient5Transport.create(effective.transportSettings()));
            return HttpImageGeneration.create(transport, key, effective, true);
        }

        /**
         * Builds a {@link FilesPort} (the Files API: upload, get, list, delete, awaitActive,
         * download) with the same key, base URI, options and client, over a transport of its own.
         * Closing it closes that transport, never a lent client.
         *
         * @throws IllegalStateException if no API key was given
         */
        public FilesPort buildFiles() {
            ApiKey key = apiKey.orElseThrow(() -> new IllegalStateException("apiKey is required"));
            HttpOptions effective = baseUri.map(uri -> options.toBuilder().baseUri(uri).build()).orElse(options);
            HttpClient5Transport transport = httpClient
                    .map(client -> HttpClient5Transport.using(client, effective.transportSettings()))
                    .orElseGet(() -> HttpClient5Transport.create(effective.transportSettings()));
            return HttpFiles.builder(transport, key).options(effective).ownsTransport(true).build();
        }
    }
}
