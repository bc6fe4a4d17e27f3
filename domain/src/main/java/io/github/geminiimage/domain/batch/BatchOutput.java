package io.github.geminiimage.domain.batch;

import java.util.Objects;

/**
 * Where a finished batch job's results live (the {@code GenerateContentBatchOutput} found in the
 * operation's {@code response} or {@code metadata.output}, docs/wire-format.md, "Batch Mode"): inline in the job
 * itself, or in a results file held by the Files API. Immutable.
 */
public sealed interface BatchOutput permits BatchOutput.Inline, BatchOutput.ResponsesFile {

    /**
     * The results are inline in the job ({@code inlinedResponses}), one per request in input order.
     *
     * @param count how many responses the job holds
     */
    record Inline(long count) implements BatchOutput {
        /** Checks the count is not negative. */
        public Inline {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative; got " + count);
            }
        }
    }

    /**
     * The results are in a JSONL file of the Files API ({@code responsesFile}, named
     * {@code files/batch-} and the job's id), one line per request in input order.
     *
     * @param fileName the file's resource name, {@code files/...}
     */
    record ResponsesFile(String fileName) implements BatchOutput {
        /** Checks the name is present. */
        public ResponsesFile {
            Objects.requireNonNull(fileName, "fileName");
        }
    }
}
