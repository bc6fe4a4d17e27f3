package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;

/**
 * A kind of content in token counts and replies.
 * Open: a value not known today is kept as its raw string ({@link #isKnown()} is then false).
 *
 * @param value the raw string as the server sent it
 */
public record Modality(String value) {

    private static final OpenValues<Modality> VALUES = new OpenValues<>(Modality::new);

    /** {@code MODALITY_UNSPECIFIED}. */
    public static final Modality MODALITY_UNSPECIFIED = VALUES.known("MODALITY_UNSPECIFIED");
    /** {@code TEXT}. */
    public static final Modality TEXT = VALUES.known("TEXT");
    /** {@code IMAGE}. */
    public static final Modality IMAGE = VALUES.known("IMAGE");
    /** {@code AUDIO}. */
    public static final Modality AUDIO = VALUES.known("AUDIO");
    /** {@code VIDEO}. */
    public static final Modality VIDEO = VALUES.known("VIDEO");
    /** {@code DOCUMENT}. */
    public static final Modality DOCUMENT = VALUES.known("DOCUMENT");

    /** Checks the value is present. */
    public Modality {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static Modality of(String value) {
        return VALUES.of(value);
    }

    /** The values this version of the library knows. */
    public static List<Modality> knownValues() {
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
