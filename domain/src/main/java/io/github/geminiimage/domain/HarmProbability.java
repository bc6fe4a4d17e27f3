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

    /** {@code HARM_PROBABILITY_UNSPECIFIED}. */
    public static final HarmProbability HARM_PROBABILITY_UNSPECIFIED = new HarmProbability("HARM_PROBABILITY_UNSPECIFIED");
    /** {@code NEGLIGIBLE}. */
    public static final HarmProbability NEGLIGIBLE = new HarmProbability("NEGLIGIBLE");
    /** {@code LOW}. */
    public static final HarmProbability LOW = new HarmProbability("LOW");
    /** {@code MEDIUM}. */
    public static final HarmProbability MEDIUM = new HarmProbability("MEDIUM");
    /** {@code HIGH}. */
    public static final HarmProbability HIGH = new HarmProbability("HIGH");

    private static final List<HarmProbability> KNOWN = List.of(HARM_PROBABILITY_UNSPECIFIED, NEGLIGIBLE, LOW, MEDIUM, HIGH);

    /** Checks the value is present. */
    public HarmProbability {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static HarmProbability of(String value) {
        for (HarmProbability known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new HarmProbability(value);
    }

    /** The values this version of the library knows. */
    public static List<HarmProbability> knownValues() {
        return KNOWN;
    }

    /** Whether this version of the library knows the value. */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
