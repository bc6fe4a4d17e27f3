package io.github.geminiimage.domain.file;

import io.github.geminiimage.domain.OpenValues;
import java.util.List;
import java.util.Objects;

/**
 * The processing state of a file held by the Files API (docs/wire-format.md, "Files"). Images and JSONL
 * are usually {@code ACTIVE} at once; video goes through {@code PROCESSING}. Open: a value not known
 * today is kept as its raw string ({@link #isKnown()} is then false).
 *
 * @param value the raw string as the server sent it
 */
public record FileState(String value) {

    private static final OpenValues<FileState> VALUES = new OpenValues<>(FileState::new);

    /** {@code STATE_UNSPECIFIED}. */
    public static final FileState STATE_UNSPECIFIED = VALUES.known("STATE_UNSPECIFIED");
    /** {@code PROCESSING}: uploaded, not usable yet. */
    public static final FileState PROCESSING = VALUES.known("PROCESSING");
    /** {@code ACTIVE}: usable in requests. */
    public static final FileState ACTIVE = VALUES.known("ACTIVE");
    /** {@code FAILED}: processing failed; the file never becomes usable. */
    public static final FileState FAILED = VALUES.known("FAILED");

    /** Checks the value is present. */
    public FileState {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static FileState of(String value) {
        return VALUES.of(value);
    }

    /** The values this version of the library knows. */
    public static List<FileState> knownValues() {
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
