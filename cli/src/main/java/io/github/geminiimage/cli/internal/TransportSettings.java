package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open the port for one run: which transport, the key (never from the command line), the
 * HTTP options built from {@code --base-url}, {@code --auth}, {@code --timeout}, {@code --retries},
 * and what the fake answers.
 *
 * @param transport the transport
 * @param apiKey the key from {@code GEMINI_API_KEY}; empty for the fake
 * @param httpOptions the options of the HTTP transports
 * @param fakeOutcome what the fake answers
 */
public record TransportSettings(Transport transport, Optional<ApiKey> apiKey, HttpOptions httpOptions,
        FakeOutcome fakeOutcome) {

    /** Checks the values are present. */
    public TransportSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(httpOptions, "httpOptions");
        Objects.requireNonNull(fakeOutcome, "fakeOutcome");
    }
}
