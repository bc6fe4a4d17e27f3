package io.github.geminiimage.wire;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.internal.codec.OperationEncoder;
import io.github.geminiimage.wire.internal.codec.ReplyEncoder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of Batch Mode's JSON: a job as the long-running operation {@code batches/{id}}
 * answers with, a page of them, and the lines of a results file (docs/wire-format.md, "Batch
 * Mode"). Images in inline results and result lines are streamed as base64. Stateless and
 * thread-safe.
 */
public final class BatchOperations {

    private BatchOperations() {
    }

    /**
     * What one operation shows of a job.
     *
     * @param job the job
     * @param inputConfigJson the {@code inputConfig} the job was created with, echoed verbatim (one JSON object)
     * @param priority the priority it was created with
     * @param inlineResults for a finished job with inline output, its results in input order; without
     *     them no {@code output} is written (as in a list)
     * @param keysGiven whether the requests carried keys, echoed as each inline result's {@code metadata.key}
     */
    public record Operation(BatchJob job, Optional<String> inputConfigJson, Optional<String> priority,
            Optional<List<BatchResult>> inlineResults, boolean keysGiven) {

        /** Checks that every component is present and copies the results. */
        public Operation {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(inputConfigJson, "inputConfigJson");
            Objects.requireNonNull(priority, "priority");
            inlineResults = inlineResults.map(List::copyOf);
        }

        /** An operation showing only the job. */
        public static Operation of(BatchJob job) {
            return new Operation(job, Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
    }

    /** {@code operation} as JSON: name, metadata (state, stats, times, output), and once done, {@code done}, {@code response} or {@code error}. */
    public static JsonBody encode(Operation operation) {
        return OperationEncoder.encode(convert(operation));
    }

    /** A list reply: {@code {"operations":[...],"nextPageToken":"..."}}; an empty page is {@code {}}. */
    public static JsonBody encodePage(List<Operation> operations, Optional<String> nextPageToken) {
        return OperationEncoder.encodePage(operations.stream().map(BatchOperations::convert).toList(), nextPageToken);
    }

    /** A results-file line for a request the model answered: {@code {"response":{...},"key":"..."}} and a line break. */
    public static JsonBody resultLine(String key, GenerationResult result) {
        return ReplyEncoder.resultLine(key, result);
    }

    /** A results-file line for a request that failed: {@code {"key":"...","error":{code,message,status}}} and a line break. */
    public static JsonBody errorLine(String key, RpcStatus status) {
        return OperationEncoder.errorLine(key, status);
    }

    private static OperationEncoder.Operation convert(Operation o) {
        return new OperationEncoder.Operation(o.job(), o.inputConfigJson(), o.priority(), o.inlineResults(), o.keysGiven());
    }
}
