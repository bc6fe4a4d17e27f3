package io.github.geminiimage.wire;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.wire.internal.codec.ReplyDecoder;
import io.github.geminiimage.wire.internal.codec.ReplyEncoder;
import io.github.geminiimage.wire.internal.codec.RequestDecoder;
import io.github.geminiimage.wire.internal.codec.RequestEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON of {@code generateContent} both ways. Client side: a request written as one
 * {@code GenerateContentRequest} while its images are base64-encoded chunk by chunk (its exact
 * length known up front); a {@code GenerateContentResponse} decoded while it is read, images
 * straight into their arrays. Server side (an emulator, the fake's result files): the request read
 * back into a {@link GenerationRequest}, a result written as the reply or as one server-sent event
 * (a whole stream: {@link ReplyStream}).
 * Field names and quirks: docs/wire-format.md. Stateless and thread-safe.
 */
public final class GenerateContentCodec {

    private GenerateContentCodec() {
    }

    /**
     * {@code request} as a {@code GenerateContentRequest} body: camelCase JSON with only the fields
     * that are set, history turns verbatim. Writing it reads the images (an image given as a file
     * chunk by chunk) and may be repeated; each write gives the same bytes, exactly
     * {@link JsonBody#contentLength()} of them.
     *
     * @throws InvalidRequestException if a text has a lone surrogate or a kept part is not a JSON object
     */
    public static JsonBody encode(GenerationRequest request) {
        return RequestEncoder.encode(Objects.requireNonNull(request, "request"));
    }

    /**
     * Writes {@code request} as one {@code GenerateContentRequest} JSON object to {@code out}
     * (not closed, not followed by a line break).
     *
     * @return the bytes written
     * @throws IOException if writing fails, or an image file changed since the request was built
     */
    public static long write(GenerationRequest request, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        JsonBody body = encode(request);
        body.writeTo(out);
        return body.contentLength();
    }

    /**
     * Reads one {@code GenerateContentResponse} from {@code in} to its end (not closed).
     *
     * @param maxBytes the most bytes read; more fails, nothing is ever truncated
     * @throws MalformedResponseException if it is not JSON, is cut short, nests too deep, has invalid
     *     base64 or is not shaped like a reply (the message says where)
     * @throws ResponseTooLargeException past {@code maxBytes}
     * @throws IOException if reading fails
     */
    public static GenerationResult read(InputStream in, long maxBytes) throws IOException {
        return read(in, OptionalLong.empty(), maxBytes);
    }

    /**
     * Reads one {@code GenerateContentResponse} whose length is known (e.g. from
     * {@code Content-Length}): the length bounds each image's array before its first byte, so
     * images are decoded without growing their arrays.
     *
     * @param declaredLength the stream's length, if known; a larger one than {@code maxBytes} fails at once
     * @see #read(InputStream, long)
     */
    public static GenerationResult read(InputStream in, OptionalLong declaredLength, long maxBytes) throws IOException {
        return ReplyDecoder.decode(in, declaredLength, maxBytes);
    }

    /**
     * Like {@link #read(InputStream, OptionalLong, long)}, each image written to {@code sink} while
     * it is decoded instead of into an array: the result holds {@linkplain
     * io.github.geminiimage.domain.GeneratedImage#written() written} images whose files are still
     * temporary. {@link SinkSession#commit} them once the call succeeded, {@link SinkSession#abort()}
     * otherwise (this method does neither).
     *
     * @throws io.github.geminiimage.domain.error.TransportException (not retryable) if the sink cannot be written
     */
    public static GenerationResult read(InputStream in, OptionalLong declaredLength, long maxBytes, SinkSession sink)
            throws IOException {
        return ReplyDecoder.decode(in, declaredLength, maxBytes, Objects.requireNonNull(sink, "sink"));
    }

    // ---- server side ---------------------------------------------------------------------

    /**
     * How a server reads a request's {@code fileData} reference: the image its URI names, e.g. a
     * file the server stores.
     */
    @FunctionalInterface
    public interface FileDataResolver {
        /**
         * The image {@code uri} names.
         *
         * @param mediaType the part's {@code mimeType}, already checked to be an image type
         * @throws RuntimeException what the server answers for a URI it cannot fetch
         */
        ImageInput resolve(URI uri, MediaType mediaType);
    }

    /**
     * Reads a {@code GenerateContentRequest} body as a server does, for the model named in the
     * path, images decoded straight into their arrays while the body arrives. Texts of one user turn
     * are joined by a line break; a {@code fileData} part naming a Files API resource on any host
     * becomes {@link ImageInput#ofStoredFile(String, MediaType)}, any other URI {@link ImageInput#ofUri}.
     *
     * @param maxBytes the most bytes read; more fails with {@link ResponseTooLargeException}
     * @throws InvalidRequestException whose message is what the API answers with 400: not JSON, an
     *     unknown field ({@code Unknown name "x"}), a value of the wrong type or out of range,
     *     thinking options the model does not take, a role other than user or model, no contents
     * @throws IOException if reading fails
     */
    public static GenerationRequest readRequest(InputStream in, String modelId, long maxBytes) throws IOException {
        return RequestDecoder.decode(in, modelId, maxBytes, RequestDecoder.REFERENCES);
    }

    /**
     * Like {@link #readRequest(InputStream, String, long)}, each {@code fileData} reference read
     * by {@code files} (an emulator resolves its own stored files to their bytes).
     */
    public static GenerationRequest readRequest(InputStream in, String modelId, long maxBytes, FileDataResolver files)
            throws IOException {
        return RequestDecoder.decode(in, modelId, maxBytes, Objects.requireNonNull(files, "files"));
    }

    /** {@code result} as a Gemini API {@code GenerateContentResponse}, images streamed as base64. */
    public static JsonBody encodeReply(GenerationResult result) {
        return ReplyEncoder.encode(result, Optional.empty());
    }

    /**
     * {@code result} as a Vertex AI {@code GenerateContentResponse}: candidates without
     * {@code index}, a {@code createTime}, and {@code usageMetadata.trafficType}.
     */
    public static JsonBody encodeVertexReply(GenerationResult result, Instant createTime) {
        return ReplyEncoder.encode(result, Optional.of(Objects.requireNonNull(createTime, "createTime")));
    }

    /**
     * Writes {@code chunk} as one server-sent event of {@code streamGenerateContent?alt=sse}:
     * {@code data: {reply}} and a blank line, CRLF framed as Google sends it.
     *
     * @param vertexCreateTime for a Vertex AI stream, the reply's {@code createTime}
     */
    public static void writeEvent(GenerationResult chunk, Optional<Instant> vertexCreateTime, OutputStream out)
            throws IOException {
        ReplyStream.serverSentEvent(ReplyEncoder.encode(chunk, vertexCreateTime)::writeTo, out);
    }
}
