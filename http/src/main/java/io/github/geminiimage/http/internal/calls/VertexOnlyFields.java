package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.http.Endpoint;

/**
 * Refuses the Vertex-only request fields ({@code imageOutputOptions}, {@code personGeneration},
 * {@code labels}) on the Gemini API, which rejects them: checked when a call is built, since a
 * request does not know where it goes.
 */
public final class VertexOnlyFields {

    private VertexOnlyFields() {
    }

    /**
     * Passes when {@code endpoint} is Vertex AI or the request sets no Vertex-only field.
     *
     * @throws InvalidRequestException naming the first such field, its value and the limit
     */
    public static void check(GenerationRequest request, Endpoint endpoint) {
        if (endpoint.isVertex()) {
            return;
        }
        request.vertexOptions().firstField().ifPresent(field -> {
            throw new InvalidRequestException("vertexOptions", field,
                    "no Vertex-only field on the Gemini API (" + endpoint + "); use Endpoint.vertex(...) or drop vertexOptions");
        });
    }
}
