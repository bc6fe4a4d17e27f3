package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.sink.SinkSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes a {@code generateContent} reply body while it arrives. Images are decoded from base64
 * straight into their byte arrays (sized from the declared length when there is one); the small
 * JSON left around them is bound with JSON-B. Accepts camelCase and snake_case names, any field
 * order, whitespace, escaped slashes in base64, unknown fields, and the empty-content shapes that
 * blocked or failed generations have. Stateless and thread-safe.
 */
public final class ReplyDecoder {

    private ReplyDecoder() {
    }

    /**
     * Reads {@code body} to its end (without closing it) and decodes it.
     *
     * @param body the reply body of an HTTP 200
     * @param declaredLength the {@code Content-Length}, if the server sent one
     * @param maxBytes the most bytes to read; more fails, nothing is ever truncated
     * @return the result as reported, images decoded, parts kept verbatim for replay
     * @throws MalformedResponseException if the body is not JSON, is truncated, is not an object,
     *     nests too deep, has invalid base64 (the message names the candidate and part) or does
     *     not have the shape of a reply
     * @throws ResponseTooLargeException if the body declares or has more than {@code maxBytes}
     * @throws IOException if reading the stream fails
     */
    public static GenerationResult decode(InputStream body, OptionalLong declaredLength, long maxBytes)
            throws IOException {
        return decode(body, declaredLength, maxBytes, null);
    }

    /**
     * Like {@link #decode(InputStream, OptionalLong, long)}, each image going to {@code sink}
     * while it is decoded (the result holds written images, not committed); {@code null} for arrays.
     *
     * @throws TransportException (not retryable) if the sink cannot be written
     */
    public static GenerationResult decode(InputStream body, OptionalLong declaredLength, long maxBytes, SinkSession sink)
            throws IOException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(declaredLength, "declaredLength");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (declaredLength.isPresent() && declaredLength.getAsLong() > maxBytes) {
            throw new ResponseTooLargeException("the reply declares " + declaredLength.getAsLong()
                    + " bytes, more than the limit of " + maxBytes + " bytes",
                    new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        }
        JsonScanner scanner = new JsonScanner(body, maxBytes, declaredLength, "reply");
        if (sink == null) {
            scanner.scan(JsonScanner.RESPONSE);
            WireMapper mapper = new WireMapper(scanner);
            return mapper.result(mapper.bind(Wire.Response.class, "a GenerateContentResponse"));
        }
        scanner.sendImagesTo(sink);
        try {
            scanner.scan(JsonScanner.RESPONSE);
            WireMapper mapper = new WireMapper(scanner);
            return mapper.result(mapper.bind(Wire.Response.class, "a GenerateContentResponse"));
        } catch (UncheckedIOException e) {
            // Only the sink's writes are unchecked: the stream's reads throw IOException.
            throw new TransportException("cannot write the image to " + sink.sink() + ": " + e.getCause().getMessage(),
                    ErrorDetails.ofAttempts(1), e.getCause(), false);
        }
    }
}
