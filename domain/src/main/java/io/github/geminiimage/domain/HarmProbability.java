package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;

/**
 * How likely a rated part is harmful.
 * Open: a value not known today is kept as its raw string ({@link #isKnown()} is then false).
 *
 * @param value the raw string as the server sent it
 */
public record HarmProbability(String value) {

    private static final OpenValues<HarmProbability> VALUES = new OpenValues<>(HarmProbability::new);

    /** {@code HARM_PROBABILITY_UNSPECIFIED}. */
    public static final HarmProbability HARM_PROBABILITY_UNSPECIFIED = VALUES.known("HARM_PROBABILITY_UNSPECIFIED");
    /** {@code NEGLIGIBLE}. */
    public static final HarmProbability NEGLIGIBLE = VALUES.known("NEGLIGIBLE");
    /** {@code LOW}. */
    public static final HarmProbability LOW = VALUES.known("LOW");
    /** {@code MEDIUM}. */
    public static final HarmProbability MEDIUM = VALUES.known("MEDIUM");
    /** {@code HIGH}. */
    public static final HarmProbability HIGH = VALUES.known("HIGH");

    /** Checks the value is present. */
    public HarmProbability {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static HarmProbability of(String value) {
        return VALUES.of(value);
    }

    /** The values this version of the library knows. */
    public static List<HarmProbability> knownValues() {
        return VALUES.values();
    }

    /** Whether this version of the library knows the value. */
    public boolean isKnown() {
        return VALUES.contains(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
