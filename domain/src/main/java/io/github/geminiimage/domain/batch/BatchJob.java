package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.RpcStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A batch job as the service last reported it (the {@code GenerateContentBatch} of the operation,
 * docs/wire-format.md, "Batch Mode"): a snapshot, immutable; read it again for news. Make one with {@link #builder}.
 *
 * @param name the resource name, {@code batches/} and an id; what get, cancel, delete and results take
 * @param displayName the display name given at submission, if any
 * @param model the model, as the service names it ({@code models/gemini-2.5-flash-image})
 * @param state the state, whichever prefix the server used
 * @param counts the request counters (0 where the server omitted one)
 * @param createTime when the job was created, if the server said
 * @param updateTime when it last changed, if the server said
 * @param endTime when it ended, once it has
 * @param output where the results are, once there are some (read them with the port's {@code results})
 * @param error why the job failed as a whole, for {@code FAILED}
 */
public record BatchJob(String name, Optional<String> displayName, String model, BatchState state, BatchCounts counts,
        Optional<Instant> createTime, Optional<Instant> updateTime, Optional<Instant> endTime,
        Optional<BatchOutput> output, Optional<RpcStatus> error) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** Checks every component is present. */
    public BatchJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
    }

    /** A builder for a job with the given name, model and state; counts default to none. */
    public static Builder builder(String name, String model, BatchState state) {
        return new Builder(name, model, state);
    }

    /** A builder holding this job's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name, model, state);
        b.displayName = displayName;
        b.counts = counts;
        b.createTime = createTime;
        b.updateTime = updateTime;
        b.endTime = endTime;
        b.output = output;
        b.error = error;
        return b;
    }

    /**
     * Checks a batch name given to a call and returns it in full: {@code batches/} and an id of
     * letters, digits, {@code -} or {@code _} (a bare id gets the prefix), so it can go in a URL path as is.
     *
     * @throws InvalidRequestException naming the field {@code name}, the value and the rule
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String id = name.startsWith("batches/") ? name.substring(8) : name;
        if (!ID.matcher(id).matches()) {
            throw new InvalidRequestException("name", name, "batches/ and an id of 1 to 128 letters, digits, - or _");
        }
        return "batches/" + id;
    }

    /** The id: the name without its {@code batches/} prefix. */
    public String id() {
        return name.startsWith("batches/") ? name.substring(8) : name;
    }

    /** Whether the job has ended (succeeded, failed, cancelled, expired). */
    public boolean isDone() {
        return state.isTerminal();
    }

    /** Builds a {@link BatchJob}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String model;
        private BatchState state;
        private Optional<String> displayName = Optional.empty();
        private BatchCounts counts = BatchCounts.NONE;
        private Optional<Instant> createTime = Optional.empty();
        private Optional<Instant> updateTime = Optional.empty();
        private Optional<Instant> endTime = Optional.empty();
        private Optional<BatchOutput> output = Optional.empty();
        private Optional<RpcStatus> error = Optional.empty();

        private Builder(String name, String model, BatchState state) {
            this.name = name;
            this.model = model;
            this.state = state;
        }

        /** The state. */
        public Builder state(BatchState value) {
            this.state = Objects.requireNonNull(value, "state");
            return this;
        }

        /** The display name. */
        public Builder displayName(String value) {
            this.displayName = Optional.of(value);
            return this;
        }

        /** The counters. */
        public Builder counts(BatchCounts value) {
            this.counts = Objects.requireNonNull(value, "counts");
            return this;
        }

        /** The creation time. */
        public Builder createTime(Instant value) {
            this.createTime = Optional.of(value);
            return this;
        }

        /** The time of the last change. */
        public Builder updateTime(Instant value) {
            this.updateTime = Optional.of(value);
            return this;
        }

        /** The end time. */
        public Builder endTime(Instant value) {
            this.endTime = Optional.of(value);
            return this;
        }

        /** Where the results are. */
        public Builder output(BatchOutput value) {
            this.output = Optional.of(value);
            return this;
        }

        /** Why the job failed. */
        public Builder error(RpcStatus value) {
            this.error = Optional.of(value);
            return this;
        }

        /** Builds the job. */
        public BatchJob build() {
            return new BatchJob(name, displayName, model, state, counts, createTime, updateTime, endTime, output, error);
        }
    }
}
