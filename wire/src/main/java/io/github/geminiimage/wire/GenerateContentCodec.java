package io.github.geminiimage.wire;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.MalformedResponseException;
import io.github.geminiimage.domain.ResponseTooLargeException;
import io.github.geminiimage.wire.internal.codec.ReplyDecoder;
import io.github.geminiimage.wire.internal.codec.RequestEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The wire format of {@code generateContent} on its own, for what is not a single HTTP call: lines
 * of a batch JSONL file, a recorded reply, a benchmark. The same encoder and decoder the HTTP port
 * uses: a request is written as one {@code GenerateContentRequest} JSON object while its images
 * are base64-encoded chunk by chunk (its exact length known up front); a
 * {@code GenerateContentResponse} is decoded while it is read, images straight into their arrays.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * JsonBody body = GenerateContentCodec.encode(request);   // body.contentLength() is exact
 * body.writeTo(out);
 * GenerationResult result = GenerateContentCodec.read(in, 64L << 20);
 * }</pre>
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
}
