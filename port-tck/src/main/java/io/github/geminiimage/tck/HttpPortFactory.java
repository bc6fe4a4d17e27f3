package io.github.geminiimage.tck;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;

/** How an HTTP adapter makes its port, for the suites: a key and the options (base URI included). */
@FunctionalInterface
public interface HttpPortFactory {

    /** A new port over a new transport it owns, sending {@code apiKey} per {@code options}. */
    ImageGenerationPort create(String apiKey, HttpOptions options);
}
