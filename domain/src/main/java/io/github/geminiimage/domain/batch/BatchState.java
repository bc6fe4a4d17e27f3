package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.OpenValues;
import java.util.List;
import java.util.Objects;

/**
 * The state of a batch job (docs/wire-format.md, "Batch Mode"). The wire sends {@code BATCH_STATE_*}; the SDKs
 * and Google's own samples spell it {@code JOB_STATE_*}: {@link #of} accepts both and keeps the name
 * without its prefix ({@code RUNNING}). Open: a state not known today is kept as its raw name
 * ({@link #isKnown()} is then false, and it is not terminal). Immutable.
 *
 * @param value the state's name without {@code BATCH_STATE_} or {@code JOB_STATE_}, e.g. {@code RUNNING}
 */
public record BatchState(String value) {

    private static final OpenValues<BatchState> VALUES = new OpenValues<>(BatchState::new);

    /** No state reported. */
    public static final BatchState UNSPECIFIED = VALUES.known("UNSPECIFIED");
    /** Queued. */
    public static final BatchState PENDING = VALUES.known("PENDING");
    /** In progress. */
    public static final BatchState RUNNING = VALUES.known("RUNNING");
    /** Finished; results available (single requests may still have failed: see the counts). */
    public static final BatchState SUCCEEDED = VALUES.known("SUCCEEDED");
    /** The job failed as a whole; see {@link BatchJob#error()}. */
    public static final BatchState FAILED = VALUES.known("FAILED");
    /** Cancelled; partial results may exist. */
    public static final BatchState CANCELLED = VALUES.known("CANCELLED");
    /** Pending or running for more than 48 hours; no results. */
    public static final BatchState EXPIRED = VALUES.known("EXPIRED");

    private static final List<BatchState> TERMINAL = List.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED);

    /** Checks the value is present and has no prefix. */
    public BatchState {
        Objects.requireNonNull(value, "value");
        if (value.startsWith("BATCH_STATE_") || value.startsWith("JOB_STATE_")) {
            throw new IllegalArgumentException("use BatchState.of for a prefixed state name: " + value);
        }
    }

    /**
     * The state for a name as the wire ({@code BATCH_STATE_RUNNING}), the SDKs ({@code JOB_STATE_RUNNING})
     * or a person ({@code RUNNING}) spells it; a known constant when it is one.
     */
    public static BatchState of(String name) {
        Objects.requireNonNull(name, "name");
        String bare = name.startsWith("BATCH_STATE_") ? name.substring(12)
                : name.startsWith("JOB_STATE_") ? name.substring(10) : name;
        return VALUES.of(bare);
    }

    /** The name the Gemini API sends, {@code BATCH_STATE_} and the value. */
    public String wireName() {
        return "BATCH_STATE_" + value;
    }

    /** Whether the job has ended: succeeded, failed, cancelled or expired. */
    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** Whether this version of the library knows the state. */
    public boolean isKnown() {
        return VALUES.contains(this);
    }

    /** The values this version of the library knows. */
    public static List<BatchState> knownValues() {
        return VALUES.values();
    }

    @Override
    public String toString() {
        return value;
    }
}
