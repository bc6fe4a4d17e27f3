package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.GeminiClient;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point of this adapter: a {@link GeminiClient} over the JDK's {@code HttpClient}, its
 * three ports views of one transport, one set of threads and one call engine (the README's "One
 * client, three ports" shows one in use). Closing the client closes the transport and the threads
 * it created, never an {@link HttpClient} lent with {@link Builder#httpClient(HttpClient)}. For
 * image generation only, {@link JdkHttpImageGeneration#builder()} is the shortcut.
 */
public final class JdkHttpGeminiClient {

    private JdkHttpGeminiClient() {
    }

    /** A builder with the default options (Google's endpoint). */
    public static Builder<GeminiClient> builder() {
        return new Builder<>(GeminiClient.class);
    }

    /**
     * Builds a client (or the images-only shortcut) over the JDK's client: where calls go, the
     * credentials and the options come from {@link HttpPortBuilder}; this adds the client a caller
     * may lend. Not thread-safe.
     *
     * @param <P> what {@link #build()} returns
     */
    public static final class Builder<P> extends HttpPortBuilder<Builder<P>, P> {
        private Optional<HttpClient> httpClient = Optional.empty();

        Builder(Class<P> result) {
            super(result);
        }

        /**
         * A client the caller configured (proxy, TLS, executor, version) and keeps owning: closing
         * never closes it. It must not follow redirects; its own connect timeout applies.
         */
        public Builder<P> httpClient(HttpClient client) {
            this.httpClient = Optional.of(Objects.requireNonNull(client, "httpClient"));
            return this;
        }

        @Override
        protected HttpTransport transport(TransportSettings settings) {
            return httpClient.map(client -> JdkHttpTransport.using(client, settings))
                    .orElseGet(() -> JdkHttpTransport.create(settings));
        }

        @Override
        protected Builder<P> self() {
            return this;
        }
    }
}
