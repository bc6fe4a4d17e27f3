package io.github.geminiimage.domain;

import java.util.Objects;

/**
 * One entry of {@code safetySettings}: a category and its threshold. Note that loosening a
 * threshold does not switch off the image-output filters ({@code IMAGE_SAFETY} still happens).
 *
 * @param category the harm category
 * @param threshold how strictly to filter it
 */
public record SafetySetting(HarmCategory category, HarmBlockThreshold threshold) {

    /** Checks both are present. */
    public SafetySetting {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(threshold, "threshold");
    }
}
