package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.wire.JsonBody;
import java.io.IOException;
import java.io.OutputStream;
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
        return new StreamingBody(request, contentLength(request), WireWriter.sources(request.history(), request.images()));
    }

    /**
     * The exact number of bytes the body of {@code request} has, computed without reading images.
     *
     * @throws InvalidRequestException if a text has a lone surrogate
     */
    public static long contentLength(GenerationRequest request) {
        JsonOutput counter = JsonOutput.counting();
        try {
            WireWriter.request(request, counter);
        } catch (IOException e) {
            // A counting pass opens no stream; this cannot happen.
            throw new IllegalStateException("counting the request body failed", e);
        }
        return counter.count();
    }

    /** A body produced while it is sent; immutable, so every write is the same. */
    private static final class StreamingBody implements JsonBody {
        private final GenerationRequest request;
        private final long length;
        private final List<ImageSource> images;

        StreamingBody(GenerationRequest request, long length, List<ImageSource> images) {
            this.request = request;
            this.length = length;
            this.images = images;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            // Fail before the first byte if a file changed: a body shorter or longer than its
            // Content-Length must never be sent.
            for (ImageSource image : images) {
                image.checkUnchanged();
            }
            JsonOutput o = JsonOutput.writingTo(out);
            WireWriter.request(request, o);
            o.flush();
            if (o.count() != length) {
                throw new IOException("the request body had " + o.count() + " bytes instead of the declared " + length);
            }
        }

        @Override
        public String toString() {
            return "JsonBody[application/json, " + length + " bytes]";
        }
    }
}
