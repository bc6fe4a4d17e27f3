package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Gemini image model: a free model id plus the capabilities of its {@link ModelFamily}.
 * Immutable.
 *
 * @param id the id sent in the URL, e.g. {@code gemini-2.5-flash-image}
 * @param family the family whose limits apply
 */
public record ImageModel(String id, ModelFamily family) {

    /** The default model: {@code gemini-2.5-flash-image}. */
    public static final ImageModel GEMINI_2_5_FLASH_IMAGE = of("gemini-2.5-flash-image");
    /** {@code gemini-3-pro-image}. */
    public static final ImageModel GEMINI_3_PRO_IMAGE = of("gemini-3-pro-image");
    /** {@code gemini-3.1-flash-image}. */
    public static final ImageModel GEMINI_3_1_FLASH_IMAGE = of("gemini-3.1-flash-image");

    private static final Map<String, String> RETIRED = Map.of(
            "gemini-2.5-flash-image-preview", "gemini-2.5-flash-image",
            "gemini-2.0-flash-preview-image-generation", "gemini-2.5-flash-image");

    /** Checks the id is a usable path segment. */
    public ImageModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        if (id.isBlank() || !id.matches("[A-Za-z0-9._/-]+") || id.contains("..")) {
            throw new InvalidRequestException("model", id, "letters, digits, '.', '-', '_' and '/' only");
        }
    }

    /** The model for an id, with the capabilities of the family the id belongs to. */
    public static ImageModel of(String id) {
        Objects.requireNonNull(id, "model id");
        String trimmed = id.trim();
        if (trimmed.startsWith("models/")) {
            trimmed = trimmed.substring("models/".length());
        }
        return new ImageModel(trimmed, ModelFamily.of(trimmed));
    }

    /** For a retired id, the id that replaces it; a retired id is still sent as given. */
    public Optional<String> replacedBy() {
        return Optional.ofNullable(RETIRED.get(id));
    }

    /** Whether Google has retired this id (calls to it typically answer 404). */
    public boolean isRetired() {
        return RETIRED.containsKey(id);
    }

    /** The pixel size this model returns for a ratio and optional size (see {@link ModelFamily#outputPixels}). */
    public Optional<PixelSize> outputPixels(AspectRatio ratio, Optional<ImageSize> size) {
        return family.outputPixels(ratio, size);
    }

    @Override
    public String toString() {
        return id;
    }
}
