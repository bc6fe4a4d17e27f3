package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;

/**
 * A harm category of safety settings and ratings.
 * Open: a value not known today is kept as its raw string ({@link #isKnown()} is then false).
 *
 * @param value the raw string as the server sent it
 */
public record HarmCategory(String value) {

    private static final OpenValues<HarmCategory> VALUES = new OpenValues<>(HarmCategory::new);

    /** {@code HARM_CATEGORY_UNSPECIFIED}. */
    public static final HarmCategory HARM_CATEGORY_UNSPECIFIED = VALUES.known("HARM_CATEGORY_UNSPECIFIED");
    /** {@code HARM_CATEGORY_HARASSMENT}. */
    public static final HarmCategory HARM_CATEGORY_HARASSMENT = VALUES.known("HARM_CATEGORY_HARASSMENT");
    /** {@code HARM_CATEGORY_HATE_SPEECH}. */
    public static final HarmCategory HARM_CATEGORY_HATE_SPEECH = VALUES.known("HARM_CATEGORY_HATE_SPEECH");
    /** {@code HARM_CATEGORY_SEXUALLY_EXPLICIT}. */
    public static final HarmCategory HARM_CATEGORY_SEXUALLY_EXPLICIT = VALUES.known("HARM_CATEGORY_SEXUALLY_EXPLICIT");
    /** {@code HARM_CATEGORY_DANGEROUS_CONTENT}. */
    public static final HarmCategory HARM_CATEGORY_DANGEROUS_CONTENT = VALUES.known("HARM_CATEGORY_DANGEROUS_CONTENT");
    /** {@code HARM_CATEGORY_CIVIC_INTEGRITY}. */
    public static final HarmCategory HARM_CATEGORY_CIVIC_INTEGRITY = VALUES.known("HARM_CATEGORY_CIVIC_INTEGRITY");
    /** {@code HARM_CATEGORY_IMAGE_HATE}. */
    public static final HarmCategory HARM_CATEGORY_IMAGE_HATE = VALUES.known("HARM_CATEGORY_IMAGE_HATE");
    /** {@code HARM_CATEGORY_IMAGE_DANGEROUS_CONTENT}. */
    public static final HarmCategory HARM_CATEGORY_IMAGE_DANGEROUS_CONTENT = VALUES.known("HARM_CATEGORY_IMAGE_DANGEROUS_CONTENT");
    /** {@code HARM_CATEGORY_IMAGE_HARASSMENT}. */
    public static final HarmCategory HARM_CATEGORY_IMAGE_HARASSMENT = VALUES.known("HARM_CATEGORY_IMAGE_HARASSMENT");
    /** {@code HARM_CATEGORY_IMAGE_SEXUALLY_EXPLICIT}. */
    public static final HarmCategory HARM_CATEGORY_IMAGE_SEXUALLY_EXPLICIT = VALUES.known("HARM_CATEGORY_IMAGE_SEXUALLY_EXPLICIT");
    /** {@code HARM_CATEGORY_JAILBREAK}. */
    public static final HarmCategory HARM_CATEGORY_JAILBREAK = VALUES.known("HARM_CATEGORY_JAILBREAK");

    /** Checks the value is present. */
    public HarmCategory {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static HarmCategory of(String value) {
        return VALUES.of(value);
    }

    /** The values this version of the library knows. */
    public static List<HarmCategory> knownValues() {
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
