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

    /** {@code BLOCKED_REASON_UNSPECIFIED}. */
    public static final BlockReason BLOCKED_REASON_UNSPECIFIED = new BlockReason("BLOCKED_REASON_UNSPECIFIED");
    /** {@code SAFETY}. */
    public static final BlockReason SAFETY = new BlockReason("SAFETY");
    /** {@code OTHER}. */
    public static final BlockReason OTHER = new BlockReason("OTHER");
    /** {@code BLOCKLIST}. */
    public static final BlockReason BLOCKLIST = new BlockReason("BLOCKLIST");
    /** {@code PROHIBITED_CONTENT}. */
    public static final BlockReason PROHIBITED_CONTENT = new BlockReason("PROHIBITED_CONTENT");
    /** {@code IMAGE_SAFETY}. */
    public static final BlockReason IMAGE_SAFETY = new BlockReason("IMAGE_SAFETY");
    /** {@code MODEL_ARMOR}. */
    public static final BlockReason MODEL_ARMOR = new BlockReason("MODEL_ARMOR");
    /** {@code JAILBREAK}. */
    public static final BlockReason JAILBREAK = new BlockReason("JAILBREAK");

    private static final List<BlockReason> KNOWN = List.of(BLOCKED_REASON_UNSPECIFIED, SAFETY, OTHER, BLOCKLIST, PROHIBITED_CONTENT, IMAGE_SAFETY, MODEL_ARMOR, JAILBREAK);

    /** Checks the value is present. */
    public BlockReason {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static BlockReason of(String value) {
        for (BlockReason known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new BlockReason(value);
    }

    /** The values this version of the library knows. */
    public static List<BlockReason> knownValues() {
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
