package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open the port for one run: which transport, the key (never from the command line) or
 * Application Default Credentials, the HTTP options built from {@code --base-url}, {@code --auth},
 * {@code --timeout}, {@code --retries}, {@code --vertex-project}, {@code --vertex-location}, and
 * what the fake answers.
 *
 * @param transport the transport
 * @param apiKey the key from {@code GEMINI_API_KEY}; empty for the fake
 * @param httpOptions the options of the HTTP transports
 * @param fakeOutcome what the fake answers
 * @param applicationDefaultCredentials whether the port authenticates with OAuth tokens from
 *     Application Default Credentials (Vertex AI with {@code --vertex-project} and no key) instead of the key
 * @param cassette the cassette of {@code --record} or {@code --replay}, which the HTTP transport goes through
 */
public record TransportChoice(Transport transport, Optional<ApiKey> apiKey, HttpOptions httpOptions,
        FakeOutcome fakeOutcome, boolean applicationDefaultCredentials, Optional<CassetteFlags.Cassette> cassette) {

    /** Settings without a cassette. */
    public TransportChoice(Transport transport, Optional<ApiKey> apiKey, HttpOptions httpOptions, FakeOutcome fakeOutcome,
            boolean applicationDefaultCredentials) {
        this(transport, apiKey, httpOptions, fakeOutcome, applicationDefaultCredentials, Optional.empty());
    }

    /** Settings that authenticate with the key (or, for the fake, not at all). */
    public TransportChoice(Transport transport, Optional<ApiKey> apiKey, HttpOptions httpOptions, FakeOutcome fakeOutcome) {
        this(transport, apiKey, httpOptions, fakeOutcome, false);
    }

    /** Checks the values are present. */
    public TransportChoice {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(httpOptions, "httpOptions");
        Objects.requireNonNull(fakeOutcome, "fakeOutcome");
        Objects.requireNonNull(cassette, "cassette");
    }
}
