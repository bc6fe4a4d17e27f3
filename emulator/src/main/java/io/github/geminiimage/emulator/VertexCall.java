package io.github.geminiimage.emulator;

import java.util.Objects;
import java.util.Optional;

/**
 * The credentials one Vertex AI call carried, as {@link GeminiEmulator#vertexCalls()} shows them to
 * a Java test of token handling: never a token or a key, only which of the tokens given to
 * {@link GeminiEmulator#acceptVertexTokens} it was.
 *
 * @param path the request path without the query string
 * @param bearer whether it carried an {@code Authorization: Bearer} token
 * @param tokenNumber the token's number among those given to {@code acceptVertexTokens}, counting from 1 in the
 *     order given (a revoked token keeps its number); empty for any other token or none
 * @param apiKey whether it carried an API key ({@code x-goog-api-key} or {@code ?key=}), as express mode does
 * @param quotaProject the {@code x-goog-user-project} header (a project id, not a secret), if sent
 * @param status the HTTP status answered
 */
public record VertexCall(String path, boolean bearer, Optional<Integer> tokenNumber, boolean apiKey,
        Optional<String> quotaProject, int status) {

    /** Checks for nulls. */
    public VertexCall {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tokenNumber, "tokenNumber");
        Objects.requireNonNull(quotaProject, "quotaProject");
    }
}
