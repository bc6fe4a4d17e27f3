package io.github.geminiimage.domain.batch;

import java.util.List;
import java.util.Objects;

/**
 * What saving a batch job's images to a folder did. Immutable.
 *
 * @param written keys whose image was written now
 * @param skipped keys whose image was in the folder already (an earlier, interrupted run wrote it)
 * @param failures keys with no image: the request failed, or the answer held none; in input order
 */
public record BatchSaveSummary(long written, long skipped, List<Failure> failures) {

    /** Copies the list and checks the counts. */
    public BatchSaveSummary {
        failures = List.copyOf(failures);
        if (written < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** How many keys had no image. */
    public long failed() {
        return failures.size();
    }

    /**
     * A key without an image, and why.
     *
     * @param key the request's key
     * @param reason one line: the failure's message, or the outcome of an answer without image
     */
    public record Failure(String key, String reason) {
        /** Checks the values are present. */
        public Failure {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
