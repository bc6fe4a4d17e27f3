package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;

/**
 * Why the prompt was refused ({@code promptFeedback.blockReason}).
 * Open: a value not known today is kept as its raw string ({@link #isKnown()} is then false).
 *
 * @param value the raw string as the server sent it
 */
public record BlockReason(String value) {

    private static final OpenValues<BlockReason> VALUES = new OpenValues<>(BlockReason::new);

    /** {@code BLOCKED_REASON_UNSPECIFIED}. */
    public static final BlockReason BLOCKED_REASON_UNSPECIFIED = VALUES.known("BLOCKED_REASON_UNSPECIFIED");
    /** {@code SAFETY}. */
    public static final BlockReason SAFETY = VALUES.known("SAFETY");
    /** {@code OTHER}. */
    public static final BlockReason OTHER = VALUES.known("OTHER");
    /** {@code BLOCKLIST}. */
    public static final BlockReason BLOCKLIST = VALUES.known("BLOCKLIST");
    /** {@code PROHIBITED_CONTENT}. */
    public static final BlockReason PROHIBITED_CONTENT = VALUES.known("PROHIBITED_CONTENT");
    /** {@code IMAGE_SAFETY}. */
    public static final BlockReason IMAGE_SAFETY = VALUES.known("IMAGE_SAFETY");
    /** {@code MODEL_ARMOR}. */
    public static final BlockReason MODEL_ARMOR = VALUES.known("MODEL_ARMOR");
    /** {@code JAILBREAK}. */
    public static final BlockReason JAILBREAK = VALUES.known("JAILBREAK");

    /** Checks the value is present. */
    public BlockReason {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static BlockReason of(String value) {
        return VALUES.of(value);
    }

    /** The values this version of the library knows. */
    public static List<BlockReason> knownValues() {
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
