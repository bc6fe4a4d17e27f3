package io.github.geminiimage.http;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How much image data an endpoint takes inline (base64 in the request body), and where that limit
 * comes from (docs/wire-format.md, "Inline limits"): part of the {@link Endpoint}, replaceable with
 * {@link Endpoint#withInlineLimits} or {@link HttpOptions.Builder#inlineLimits}. Checked when a
 * call is built, before any I/O, never stricter than the endpoint documents; a proxy states its own
 * with {@link #stated}.
 *
 * @param maxInlineBytesPerRequest the most base64 characters of inline data in one request
 * @param maxImageBytes the most bytes one inline input image may have
 * @param maxImages the most inline input images in one request
 * @param source where the limits come from, named in errors (e.g. {@code the Gemini API's documentation})
 */
public record InlineLimits(OptionalLong maxInlineBytesPerRequest, OptionalLong maxImageBytes, OptionalInt maxImages,
        String source) {

    /** The Gemini API's limit: 100 MB of inline data per request, since 2026-01 (20 MB before). */
    public static final long GEMINI_API_INLINE_BYTES_PER_REQUEST = 100L * 1000 * 1000;
    /** Vertex AI's limit: 7 MB per inline image. */
    public static final long VERTEX_AI_BYTES_PER_IMAGE = 7L * 1024 * 1024;

    /** Checks the values. */
    public InlineLimits {
        Objects.requireNonNull(maxInlineBytesPerRequest, "maxInlineBytesPerRequest");
        Objects.requireNonNull(maxImageBytes, "maxImageBytes");
        Objects.requireNonNull(maxImages, "maxImages");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must say where the limits come from");
        }
        if (maxInlineBytesPerRequest.isPresent() && maxInlineBytesPerRequest.getAsLong() < 1) {
            throw new IllegalArgumentException("maxInlineBytesPerRequest must be positive; got " + maxInlineBytesPerRequest.getAsLong());
        }
        if (maxImageBytes.isPresent() && maxImageBytes.getAsLong() < 1) {
            throw new IllegalArgumentException("maxImageBytes must be positive; got " + maxImageBytes.getAsLong());
        }
        if (maxImages.isPresent() && maxImages.getAsInt() < 0) {
            throw new IllegalArgumentException("maxImages must not be negative; got " + maxImages.getAsInt());
        }
    }

    /** The Gemini API's: 100 MB of inline data per request (since 2026-01). */
    public static InlineLimits geminiApi() {
        return new InlineLimits(OptionalLong.of(GEMINI_API_INLINE_BYTES_PER_REQUEST), OptionalLong.empty(),
                OptionalInt.empty(), "the Gemini API (100 MB of inline data per request since 2026-01)");
    }

    /** Vertex AI's: 7 MB per inline image (its model cards). */
    public static InlineLimits vertexAi() {
        return new InlineLimits(OptionalLong.empty(), OptionalLong.of(VERTEX_AI_BYTES_PER_IMAGE), OptionalInt.empty(),
                "Vertex AI (7 MB per inline image, per its model cards)");
    }

    /**
     * No limit yet, from {@code source}; add them with the {@code with...} methods, e.g.
     * {@code InlineLimits.stated("the proxy's documentation").withMaxImages(3).withMaxImageBytes(7 * 1024 * 1024)}.
     */
    public static InlineLimits stated(String source) {
        return new InlineLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(), source);
    }

    /** These limits with at most {@code bytes} base64 characters of inline data per request. */
    public InlineLimits withMaxInlineBytesPerRequest(long bytes) {
        return new InlineLimits(OptionalLong.of(bytes), maxImageBytes, maxImages, source);
    }

    /** These limits with at most {@code bytes} per inline input image. */
    public InlineLimits withMaxImageBytes(long bytes) {
        return new InlineLimits(maxInlineBytesPerRequest, OptionalLong.of(bytes), maxImages, source);
    }

    /** These limits with at most {@code count} inline input images per request. */
    public InlineLimits withMaxImages(int count) {
        return new InlineLimits(maxInlineBytesPerRequest, maxImageBytes, OptionalInt.of(count), source);
    }

    /**
     * Passes when {@code request} keeps within these limits. The image count and the per-image
     * limit apply to the input images sent inline (the request's and those of earlier user turns);
     * images referenced by URI or stored file are not inline. The per-request limit counts every
     * inline byte, the images of replayed model turns included.
     *
     * @throws InvalidRequestException naming the field, the value, the limit and {@link #source()}
     */
    public void check(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        List<String> fields = new ArrayList<>();
        List<ImageInput> images = new ArrayList<>();
        long inline = 0;
        for (int t = 0; t < request.history().size(); t++) {
            Turn turn = request.history().get(t);
            if (turn instanceof Turn.User user) {
                for (int i = 0; i < user.images().size(); i++) {
                    fields.add("history[" + t + "].images[" + i + "]");
                    images.add(user.images().get(i));
                }
            } else if (turn instanceof Turn.Model model) {
                for (Part part : model.parts()) {
                    if (part instanceof Part.Image image && !image.image().isReference()) {
                        inline += 4L * ((image.image().size() + 2) / 3);
                    }
                }
            }
        }
        for (int i = 0; i < request.images().size(); i++) {
            fields.add("images[" + i + "]");
            images.add(request.images().get(i));
        }
        int count = 0;
        for (int i = 0; i < images.size(); i++) {
            ImageInput image = images.get(i);
            if (image.isReference()) {
                continue;
            }
            count++;
            inline += image.base64Length();
            if (maxImageBytes.isPresent() && image.sizeBytes() > maxImageBytes.getAsLong()) {
                throw new InvalidRequestException(fields.get(i), "an inline image of " + image.sizeBytes() + " bytes",
                        "at most " + bytes(maxImageBytes.getAsLong()) + " per inline image, the limit of " + source
                                + "; send it by URI instead");
            }
        }
        if (maxImages.isPresent() && count > maxImages.getAsInt()) {
            throw new InvalidRequestException("images", count + " inline images",
                    "at most " + maxImages.getAsInt() + " inline images per request, the limit of " + source);
        }
        if (maxInlineBytesPerRequest.isPresent() && inline > maxInlineBytesPerRequest.getAsLong()) {
            throw new InvalidRequestException("images", inline + " bytes of inline data (base64)",
                    "at most " + bytes(maxInlineBytesPerRequest.getAsLong()) + " of inline data per request, the limit of " + source
                            + "; upload large images with the Files API or send them by URI");
        }
    }

    /** {@code 7340032 bytes (7 MB)}, or {@code 1500 bytes} for a size that is no whole number of megabytes. */
    private static String bytes(long bytes) {
        long mb = bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) : bytes % (1000 * 1000) == 0 ? bytes / (1000 * 1000) : 0;
        return bytes + " bytes" + (mb > 0 ? " (" + mb + " MB)" : "");
    }
}
