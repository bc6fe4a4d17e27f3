package io.github.geminiimage.cdi.example;

import java.net.URI;

/**
 * What the application's configuration gives the producer. In Jakarta EE, Quarkus or Helidon this is
 * MicroProfile Config ({@code @ConfigProperty(name = "gemini.api-key") String apiKey}); Weld SE has
 * no configuration, so the test produces this value.
 */
public record GeminiSettings(String apiKey, URI baseUri) {
}
