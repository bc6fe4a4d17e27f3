package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.JsonBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The generate calls' JSON through wire's server half: a {@code GenerateContentRequest} read, what
 * it refuses answered as Google answers it (the 400 with the API's message, a 413 past the size
 * limit); a reply written. Stateless.
 */
final class GenerateWire {

    private GenerateWire() {
    }

    /**
     * Reads {@code body} (to its end, not closed) as the request of {@code model}.
     *
     * @param maxBytes the most bytes the service takes
     * @param files resolves each {@code fileData} URI; its {@link ApiError}s pass through
     * @throws ApiError for a request the service refuses
     * @throws IOException if reading fails
     */
    static GenerationRequest read(InputStream body, String model, long maxBytes, GenerateContentCodec.FileDataResolver files)
            throws IOException {
        try {
            return GenerateContentCodec.readRequest(body, model, maxBytes, files);
        } catch (ResponseTooLargeException e) {
            throw ApiError.of(413, "INVALID_ARGUMENT", "Request payload size exceeds the limit: " + maxBytes + " bytes.");
        } catch (ImageGenerationException e) {
            throw Outcomes.error(e, model);
        }
    }

    /**
     * The reply for {@code result} as bytes, for a reply sent more than once or dribbled (a single
     * reply is better streamed from {@link GenerateContentCodec#encodeReply}).
     *
     * @param vertexCreateTime for a Vertex AI reply, its {@code createTime}
     */
    static byte[] replyBytes(GenerationResult result, Optional<Instant> vertexCreateTime) {
        JsonBody body = vertexCreateTime.isPresent() ? GenerateContentCodec.encodeVertexReply(result, vertexCreateTime.get())
                : GenerateContentCodec.encodeReply(result);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(body.contentLength(), Integer.MAX_VALUE - 8));
        try {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
