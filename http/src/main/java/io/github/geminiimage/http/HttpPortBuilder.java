package io.github.geminiimage.http;

import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What every HTTP adapter's builder shares, written once: where calls go ({@link #endpoint},
 * {@link #baseUri}), with which credentials ({@link #apiKey}, {@link #credentials},
 * {@link #accessTokens}) and {@link #options}; {@link #build()} makes one {@link HttpGeminiClient}
 * over one transport. An adapter adds only how its client is lent and how its transport is made.
 * Not thread-safe; {@link #build()} may be called more than once, each time a new client.
 *
 * @param <B> the adapter's builder, returned by every setter
 * @param <P> what {@link #build()} returns: {@link GeminiClient}, or {@link ImageGenerationPort}
 */
public abstract class HttpPortBuilder<B extends HttpPortBuilder<B, P>, P> {

    private final Class<P> result;
    private final boolean imagesOnly;

    private Optional<URI> baseUri = Optional.empty();
    private Optional<Endpoint> endpoint = Optional.empty();
    private Optional<ApiKey> apiKey = Optional.empty();
    private Optional<Credentials> credentials = Optional.empty();
    private HttpOptions options = HttpOptions.defaults();

    /**
     * For the adapters' builders.
     *
     * @param result {@code GeminiClient.class} for a client, {@code ImageGenerationPort.class} for
     *     the images-only shortcut
     */
    protected HttpPortBuilder(Class<P> result) {
        this.result = Objects.requireNonNull(result, "result");
        if (result != GeminiClient.class && result != ImageGenerationPort.class) {
            throw new IllegalArgumentException("an adapter builds a GeminiClient or an ImageGenerationPort, not " + result);
        }
        this.imagesOnly = result == ImageGenerationPort.class;
    }

    /**
     * The endpoint base, e.g. a proxy's or a local server's mirroring the endpoint's layout;
     * overrides the one in {@link #options} and {@link #endpoint} (default Google's).
     */
    public B baseUri(URI uri) {
        this.baseUri = Optional.of(Objects.requireNonNull(uri, "baseUri"));
        return self();
    }

    /** Where calls go, e.g. {@link Endpoint#vertex}; overrides the one in {@link #options}. */
    public B endpoint(Endpoint endpoint) {
        this.endpoint = Optional.of(Objects.requireNonNull(endpoint, "endpoint"));
        return self();
    }

    /**
     * The API key (Gemini API, Vertex AI express mode), sent per the options' auth scheme;
     * replaces other credentials.
     *
     * @throws IllegalArgumentException if it is blank or holds characters a header cannot carry
     */
    public B apiKey(String key) {
        this.apiKey = Optional.of(ApiKey.of(Objects.requireNonNull(key,
                "apiKey is required: set GEMINI_API_KEY (or pass credentials)")));
        this.credentials = Optional.empty();
        return self();
    }

    /** The credentials (a key and its scheme, or access tokens); replaces an {@link #apiKey(String)}. */
    public B credentials(Credentials credentials) {
        this.credentials = Optional.of(Objects.requireNonNull(credentials, "credentials"));
        this.apiKey = Optional.empty();
        return self();
    }

    /**
     * OAuth2 access tokens (Vertex AI), cached and refreshed by the port:
     * {@code credentials(Credentials.accessTokens(source))}.
     */
    public B accessTokens(AccessTokenSource source) {
        return credentials(Credentials.accessTokens(source));
    }

    /** Timeouts, retries, caps, headers and the auth scheme (default {@link HttpOptions#defaults()}). */
    public B options(HttpOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Builds what this builder makes: a {@link GeminiClient} ({@code JdkHttpGeminiClient.builder()}),
     * or the images-only shortcut ({@code JdkHttpImageGeneration.builder()}), an image generation
     * port over a client of its own that its {@code close()} closes.
     *
     * @throws IllegalStateException if neither an API key nor credentials were given (the message
     *     says which the endpoint needs)
     * @throws IllegalArgumentException if the base URI makes the options invalid, or the lent
     *     client cannot be used (the adapter says why)
     */
    public P build() {
        HttpOptions effective = options;
        if (endpoint.isPresent() || baseUri.isPresent()) {
            HttpOptions.Builder adjusted = options.toBuilder();
            endpoint.ifPresent(adjusted::endpoint);
            baseUri.ifPresent(adjusted::baseUri);
            effective = adjusted.build();
        }
        AuthScheme scheme = effective.authScheme();
        Credentials checked = Credentials.requireFor(effective.endpoint(),
                credentials.or(() -> apiKey.map(key -> Credentials.apiKey(key, scheme))));
        HttpGeminiClient client = HttpGeminiClient.builder(transport(effective.transportSettings()), checked)
                .options(effective).ownsTransport(true).build();
        return result.cast(imagesOnly ? client.imagesOnly() : client);
    }

    /** The adapter's transport for these settings, over the lent client if one was given. */
    protected abstract HttpTransport transport(TransportSettings settings);

    /** This builder, typed as the adapter's. */
    protected abstract B self();
}
