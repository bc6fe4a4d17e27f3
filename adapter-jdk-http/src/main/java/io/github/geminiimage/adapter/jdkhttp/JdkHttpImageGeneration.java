package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpFiles;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;

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
        private String apiKey;
        private HttpOptions options = HttpOptions.defaults();
        private HttpClient httpClient;

        private Builder() {
        }

        /** The endpoint base, e.g. a proxy's; overrides the one in {@link #options(HttpOptions)}. */
        public Builder baseUri(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            return this;
        }

        /** The API key (required). */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
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
         * @throws IllegalStateException if no API key was given
         * @throws IllegalArgumentException if the key cannot be sent in a header, the base URI is
         *     not usable, or the lent client follows redirects
         */
        public ImageGenerationPort build() {
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required");
            }
            ApiKey key = ApiKey.of(apiKey);
            // The base URI set here wins over the options' one; build() checks it again.
            HttpOptions effective = baseUri == null ? options : options.toBuilder().baseUri(baseUri).build();
            JdkHttpTransport transport = httpClient == null
                    ? JdkHttpTransport.create(effective.transportSettings())
                    : JdkHttpTransport.using(httpClient, effective.transportSettings());
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
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required");
            }
            ApiKey key = ApiKey.of(apiKey);
            HttpOptions effective = baseUri == null ? options : options.toBuilder().baseUri(baseUri).build();
            JdkHttpTransport transport = httpClient == null
                    ? JdkHttpTransport.create(effective.transportSettings())
                    : JdkHttpTransport.using(httpClient, effective.transportSettings());
            return HttpFiles.builder(transport, key).options(effective).ownsTransport(true).build();
        }
    }
}
