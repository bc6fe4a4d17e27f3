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

    /** {@code MODALITY_UNSPECIFIED}. */
    public static final Modality MODALITY_UNSPECIFIED = new Modality("MODALITY_UNSPECIFIED");
    /** {@code TEXT}. */
    public static final Modality TEXT = new Modality("TEXT");
    /** {@code IMAGE}. */
    public static final Modality IMAGE = new Modality("IMAGE");
    /** {@code AUDIO}. */
    public static final Modality AUDIO = new Modality("AUDIO");
    /** {@code VIDEO}. */
    public static final Modality VIDEO = new Modality("VIDEO");
    /** {@code DOCUMENT}. */
    public static final Modality DOCUMENT = new Modality("DOCUMENT");

    private static final List<Modality> KNOWN = List.of(MODALITY_UNSPECIFIED, TEXT, IMAGE, AUDIO, VIDEO, DOCUMENT);

    /** Checks the value is present. */
    public Modality {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static Modality of(String value) {
        for (Modality known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new Modality(value);
    }

    /** The values this version of the library knows. */
    public static List<Modality> knownValues() {
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
