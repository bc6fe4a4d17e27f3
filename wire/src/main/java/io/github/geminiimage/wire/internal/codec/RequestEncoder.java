package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.JsonBody;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a {@link GenerationRequest} as a streaming {@code generateContent} body: camelCase JSON
 * with only the fields that are set, history turns replayed verbatim, images written as base64
 * straight from their bytes or file while the body is sent. The exact length is computed up front
 * without reading any image. Stateless and thread-safe.
 */
public final class RequestEncoder {

    private RequestEncoder() {
    }

    /**
     * The body for {@code request}, its length already known. Each {@link JsonBody#writeTo}
     * writes the same bytes (for a retry) and allocates a few tens of kilobytes whatever the image
     * sizes.
     *
     * @throws InvalidRequestException if a text has a lone surrogate or a kept part is not JSON
     */
    public static JsonBody encode(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        WireWriter.checkRawParts(request.history(), "history");
        return new CountedBody(o -> WireWriter.request(request, o), WireWriter.sources(request.history(), request.images()));
    }

    /**
     * The exact number of bytes the body of {@code request} has, computed without reading images.
     *
     * @throws InvalidRequestException if a text has a lone surrogate
     */
    public static long contentLength(GenerationRequest request) {
        return new CountedBody(o -> WireWriter.request(request, o), List.of()).contentLength();
    }
}
