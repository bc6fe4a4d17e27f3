package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.GeminiClient;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The entry point of this adapter: a {@link GeminiClient} over Apache HttpClient 5, its three ports
 * views of one transport, one set of threads and one call engine (the README's "One client, three
 * ports" shows one in use). The client owns the {@link HttpClient5Transport} it creates and closes
 * it on {@code close()}; a client passed to {@link Builder#httpClient} stays the caller's and stays
 * open. For image generation only, {@link HttpClient5ImageGeneration#builder()} is the shortcut.
 */
public final class HttpClient5GeminiClient {

    private HttpClient5GeminiClient() {
    }

    /** A builder; only the credentials (an API key, or access tokens for Vertex AI) are required. */
    public static Builder<GeminiClient> builder() {
        return new Builder<>(GeminiClient.class);
    }

    /**
     * Builds a client (or the images-only shortcut) over HttpClient 5: where calls go, the
     * credentials and the options come from {@link HttpPortBuilder}; this adds the client a caller
     * may lend. Not thread-safe.
     *
     * @param <P> what {@link #build()} returns
     */
    public static final class Builder<P> extends HttpPortBuilder<Builder<P>, P> {
        private Optional<CloseableHttpClient> httpClient = Optional.empty();

        Builder(Class<P> result) {
            super(result);
        }

        /**
         * A client the caller configured (proxy, TLS, pool) and keeps owning; build it with
         * {@code disableAutomaticRetries()}. Default: a client the transport builds and owns.
         */
        public Builder<P> httpClient(CloseableHttpClient client) {
            this.httpClient = Optional.of(Objects.requireNonNull(client, "httpClient"));
            return this;
        }

        @Override
        protected HttpTransport transport(TransportSettings settings) {
            return httpClient.map(client -> HttpClient5Transport.using(client, settings))
                    .orElseGet(() -> HttpClient5Transport.create(settings));
        }

        @Override
        protected Builder<P> self() {
            return this;
        }
    }
}
