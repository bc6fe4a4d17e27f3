package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.http.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses the Vertex-only request fields ({@code imageOutputOptions}, {@code personGeneration},
 * {@code labels}) on the Gemini API, which rejects them, and Files API references on Vertex AI,
 * which has no Files API: checked when a call is built, since a request does not know where it goes.
 */
public final class VertexOnlyFields {

    private static final String FILES_API_HOST = URI.create(Endpoint.GOOGLE_BASE_URI.toString()).getHost();

    private VertexOnlyFields() {
    }

    /**
     * Passes when {@code endpoint} is Vertex AI or the request sets no Vertex-only field.
     *
     * @throws InvalidRequestException naming the first such field, its value and the limit
     */
    public static void check(GenerationRequest request, Endpoint endpoint) {
        if (endpoint.isVertex()) {
            checkNoFilesApiReference(request, endpoint);
            return;
        }
        request.vertexOptions().firstField().ifPresent(field -> {
            throw new InvalidRequestException("vertexOptions", field,
                    "no Vertex-only field on the Gemini API (" + endpoint + "); use Endpoint.vertex(...) or drop vertexOptions");
        });
    }

    /** Vertex AI has no Files API: a {@code files/...} reference would only come back as a 400. */
    private static void checkNoFilesApiReference(GenerationRequest request, Endpoint endpoint) {
        List<ImageInput> images = new ArrayList<>();
        for (Turn turn : request.history()) {
            if (turn instanceof Turn.User user) {
                images.addAll(user.images());
            }
        }
        images.addAll(request.images());
        for (ImageInput image : images) {
            Optional<URI> uri = image.uri();
            if (uri.isPresent() && FILES_API_HOST.equalsIgnoreCase(uri.get().getHost())) {
                throw new InvalidRequestException("images", "a Files API reference (" + uri.get().getPath() + ")",
                        "a gs:// or https:// URI or inline bytes: Vertex AI has no Files API (" + endpoint + ")");
            }
        }
    }
}
