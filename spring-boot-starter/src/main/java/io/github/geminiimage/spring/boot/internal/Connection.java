package io.github.geminiimage.spring.boot.internal;

import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.spring.boot.GeminiImageConfigurationException;
import io.github.geminiimage.spring.boot.GeminiImageProperties;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the starter's HTTP ports send their calls and with which credentials, as the CLI decides it:
 * no {@code vertex.project}: the Gemini API with the key; a project and a key: Vertex AI express
 * mode (global only); a project and no key: Vertex AI in the project and location with access
 * tokens from the application's {@link AccessTokenSource} bean, else from Application Default
 * Credentials through {@code gemini-image-auth-google}.
 */
public final class Connection {

    /** The location when none is set: Google's SDKs and the CLI default to it. */
    public static final String DEFAULT_LOCATION = "global";
    /** The artifact that brings Application Default Credentials. */
    public static final String AUTH_GOOGLE_ARTIFACT = "io.github.geminiimage:gemini-image-auth-google";
    /** The class whose presence says {@link #AUTH_GOOGLE_ARTIFACT} is on the classpath. */
    public static final String AUTH_GOOGLE_CLASS = "io.github.geminiimage.auth.google.GoogleCredentialsTokenSource";

    private final Optional<Endpoint> endpoint;
    private final Optional<String> apiKey;
    private final Optional<AccessTokenSource> tokens;

    private Connection(Optional<Endpoint> endpoint, Optional<String> apiKey, Optional<AccessTokenSource> tokens) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.tokens = tokens;
    }

    /**
     * The connection the properties describe, or one clear startup error.
     *
     * @param properties the bound properties
     * @param userTokens the application's {@link AccessTokenSource} bean, when it has exactly one
     * @param authGooglePresent whether {@link #AUTH_GOOGLE_CLASS} can be loaded
     */
    public static Connection resolve(GeminiImageProperties properties, Supplier<Optional<AccessTokenSource>> userTokens,
            boolean authGooglePresent) {
        Optional<Endpoint> vertexEndpoint = checkSettings(properties);
        if (vertexEndpoint.isEmpty()) {
            return new Connection(Optional.empty(), Optional.of(SettingsCheck.requireApiKey(properties)), Optional.empty());
        }
        if (properties.apiKey().isPresent()) {
            return new Connection(Optional.of(Endpoint.vertexExpress()), properties.apiKey(), Optional.empty());
        }
        Endpoint withProject = vertexEndpoint.get();
        String project = properties.vertex().project().get();
        Optional<AccessTokenSource> user = userTokens.get();
        if (user.isPresent()) {
            return new Connection(Optional.of(withProject), Optional.empty(), user);
        }
        if (!authGooglePresent) {
            throw new GeminiImageConfigurationException("gemini.image.vertex.project is set (" + project
                    + ") without gemini.image.api-key, so Vertex AI needs access tokens, but there is no AccessTokenSource"
                    + " bean and " + AUTH_GOOGLE_ARTIFACT + " is not on the classpath",
                    "Add the dependency " + AUTH_GOOGLE_ARTIFACT + " (Application Default Credentials), define an"
                            + " AccessTokenSource bean, or set gemini.image.api-key for Vertex AI express mode.");
        }
        return new Connection(Optional.of(withProject), Optional.empty(), Optional.of(GoogleAdc.tokens(project)));
    }

    /**
     * The checks {@link #resolve} makes on the settings themselves, without needing a key or a token
     * source to exist: a well-formed key, a Vertex location only with a project, valid project and
     * location names, express mode only in {@code global}, no key scheme for access tokens. The fake
     * transport runs them too.
     *
     * @return the Vertex AI endpoint of the project and location, empty for the Gemini API
     */
    public static Optional<Endpoint> checkSettings(GeminiImageProperties properties) {
        SettingsCheck.checkVertex(properties);
        try {
            properties.apiKey().ifPresent(ApiKey::of);
        } catch (IllegalArgumentException e) {
            throw SettingsCheck.invalid(e);
        }
        GeminiImageProperties.Vertex vertex = properties.vertex();
        if (vertex.project().isEmpty()) {
            return Optional.empty();
        }
        String location = vertex.location().orElse(DEFAULT_LOCATION);
        Endpoint withProject;
        try {
            withProject = Endpoint.vertex(vertex.project().get(), location);
        } catch (IllegalArgumentException e) {
            throw SettingsCheck.invalid(e);
        }
        if (properties.apiKey().isPresent() && !location.equals(DEFAULT_LOCATION)) {
            throw new GeminiImageConfigurationException("gemini.image.vertex.location is " + location
                    + " but gemini.image.api-key is set, which selects Vertex AI express mode: it serves only the"
                    + " global location",
                    "Remove gemini.image.vertex.location (or set it to global) to use express mode, or remove"
                            + " gemini.image.api-key to use access tokens in " + location + ".");
        }
        if (properties.apiKey().isEmpty() && properties.authScheme().isPresent()) {
            throw new GeminiImageConfigurationException("gemini.image.auth-scheme is set (" + properties.authScheme().get()
                    + ") but gemini.image.vertex.project without gemini.image.api-key authenticates with access tokens,"
                    + " not a key",
                    "Remove gemini.image.auth-scheme, or set gemini.image.api-key for Vertex AI express mode.");
        }
        return Optional.of(withProject);
    }

    /** The endpoint, when it is not the Gemini API. */
    public Optional<Endpoint> endpoint() {
        return endpoint;
    }

    /**
     * Gives {@code builder} these credentials (the endpoint travels in the options).
     *
     * @throws GeminiImageConfigurationException if the library refuses the key (the message never holds it)
     */
    public <B extends HttpPortBuilder<B, ?>> B applyTo(B builder) {
        try {
            apiKey.ifPresent(builder::apiKey);
        } catch (IllegalArgumentException e) {
            throw SettingsCheck.invalid(e);
        }
        tokens.ifPresent(builder::accessTokens);
        return builder;
    }

    @Override
    public String toString() {
        return "Connection[" + endpoint.map(Endpoint::toString).orElse("Gemini API") + ", "
                + (apiKey.isPresent() ? "api key" : "access tokens") + "]";
    }
}
