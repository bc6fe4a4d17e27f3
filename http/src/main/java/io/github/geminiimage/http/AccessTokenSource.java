package io.github.geminiimage.http;

import java.io.IOException;
import java.util.Optional;

/**
 * Supplies OAuth2 access tokens (Vertex AI): the credentials SPI, free of any dependency. The core
 * caches the token it returns, asks again shortly before it expires, and once after a 401; many
 * concurrent calls share one fetch. An implementation may block (it is called off the caller's
 * thread for async calls) and need not cache itself. Module {@code auth-google} adapts Google's
 * Application Default Credentials to it.
 */
@FunctionalInterface
public interface AccessTokenSource {

    /**
     * Fetches a fresh token.
     *
     * @throws IOException if no token could be had (the core reports it as an authentication or
     *     transport failure, without the token endpoint's reply body)
     */
    AccessToken fetch() throws IOException;

    /**
     * The Google Cloud project billed for quota, if the credentials name one: the core then sends it
     * as {@code x-goog-user-project} on every call (unless the options add that header themselves).
     * Not a secret. Empty by default.
     */
    default Optional<String> quotaProject() {
        return Optional.empty();
    }
}
