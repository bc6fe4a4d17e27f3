package io.github.geminiimage.domain;

import java.util.Objects;

/**
 * A safety rating of a prompt or candidate, as reported.
 *
 * @param category the harm category
 * @param probability how likely the content is harmful
 * @param blocked whether this rating caused the block
 */
public record SafetyRating(HarmCategory category, HarmProbability probability, boolean blocked) {

    /** Checks the values are present. */
    public SafetyRating {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(probability, "probability");
    }
}
