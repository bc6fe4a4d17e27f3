package io.github.geminiimage.spring.boot.internal;

import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.spring.boot.GeminiImageConfigurationException;
import io.github.geminiimage.spring.boot.GeminiImageProperties;
import java.net.URI;
import java.util.Optional;

/** Turns the bound properties into what a port is built from, or into one clear startup error. */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /** Fails on a {@code gemini.image.vertex.location} without a project: Vertex AI needs both. */
    public static void checkVertex(GeminiImageProperties properties) {
        GeminiImageProperties.Vertex vertex = properties.vertex();
        if (vertex.project().isEmpty() && vertex.location().isPresent()) {
            throw new GeminiImageConfigurationException(
                    "gemini.image.vertex.location is set (" + vertex.location().get()
                            + ") but gemini.image.vertex.project is not: Vertex AI needs a project",
                    "Set gemini.image.vertex.project, or remove gemini.image.vertex.location to use the Gemini API"
                            + " with gemini.image.api-key.");
        }
    }

    /** The key for a real transport, or a startup error saying it is missing. */
    public static String requireApiKey(GeminiImageProperties properties) {
        return properties.apiKey().orElseThrow(() -> new GeminiImageConfigurationException(
                "gemini.image.api-key is not set, and gemini.image.transport is " + properties.transport()
                        + " (a real transport needs a key)",
                "Set gemini.image.api-key (for example gemini.image.api-key=${GEMINI_API_KEY}), or set"
                        + " gemini.image.transport=fake for offline use."));
    }

    /**
     * The HTTP options the properties describe, with {@code observer} and the connection's endpoint
     * (a base URL keeps that endpoint's layout); a bad value is a startup error.
     */
    public static HttpOptions httpOptions(GeminiImageProperties properties, CallObserver observer, Connection connection) {
        return httpOptions(properties, observer, connection.endpoint());
    }

    /** The HTTP options the properties describe for the Gemini API, with {@code observer}. */
    public static HttpOptions httpOptions(GeminiImageProperties properties, CallObserver observer) {
        return httpOptions(properties, observer, Optional.empty());
    }

    private static HttpOptions httpOptions(GeminiImageProperties properties, CallObserver observer,
            Optional<Endpoint> endpoint) {
        try {
            HttpOptions.Builder builder = HttpOptions.builder().observer(observer);
            endpoint.ifPresent(builder::endpoint);
            properties.baseUrl().ifPresent(builder::baseUri);
            properties.proxy().ifPresent(proxy -> proxy(builder, proxy));
            properties.authScheme().ifPresent(builder::authScheme);
            properties.connectTimeout().ifPresent(builder::connectTimeout);
            properties.inactivityTimeout().ifPresent(builder::inactivityTimeout);
            properties.overallDeadline().ifPresent(builder::overallDeadline);
            if (properties.maxAttempts().isPresent()) {
                builder.retryPolicy(RetryPolicy.defaults().withMaxAttempts(properties.maxAttempts().get()));
            }
            properties.maxResponseBytes().ifPresent(size -> builder.maxResponseBytes(size.toBytes()));
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    /** Applies {@code gemini.image.proxy}; a value that is not {@code http://host:port} is a startup error naming it. */
    private static void proxy(HttpOptions.Builder builder, URI proxy) {
        try {
            builder.proxy(proxy);
        } catch (IllegalArgumentException e) {
            throw new GeminiImageConfigurationException("gemini.image.proxy: " + e.getMessage(),
                    "Set gemini.image.proxy to http://host:port (for example http://proxy.example:3128),"
                            + " or remove it to follow the JVM's proxy settings.");
        }
    }

    /** A startup error for a value the library refused (its message names the setting and the limit). */
    public static GeminiImageConfigurationException invalid(IllegalArgumentException e) {
        return new GeminiImageConfigurationException("Invalid gemini.image.* setting: " + e.getMessage(),
                "Correct the gemini.image.* property named in the message.");
    }

    /** The startup error when no configuration of the transport applied. */
    public static GeminiImageConfigurationException unavailableTransport(String transport, boolean httpClient5Present,
            boolean fakePresent) {
        if (transport.trim().equalsIgnoreCase("fake") && !fakePresent) {
            return new GeminiImageConfigurationException(
                    "gemini.image.transport is fake but the fake adapter is not on the classpath",
                    "Add the dependency io.github.geminiimage:gemini-image-adapter-fake (usually with test scope),"
                            + " or set gemini.image.transport=jdk.");
        }
        if (transport.trim().equalsIgnoreCase("httpclient5") && !httpClient5Present) {
            return new GeminiImageConfigurationException(
                    "gemini.image.transport is httpclient5 but the HttpClient 5 adapter is not on the classpath",
                    "Add the dependency io.github.geminiimage:gemini-image-adapter-httpclient5, or set"
                            + " gemini.image.transport=jdk.");
        }
        return new GeminiImageConfigurationException(
                "gemini.image.transport is '" + transport + "', which is not one of " + GeminiImageProperties.TRANSPORTS,
                "Set gemini.image.transport to one of " + GeminiImageProperties.TRANSPORTS + ".");
    }
}
