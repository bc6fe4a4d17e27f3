package io.github.geminiimage.wire.internal.json;

/** The JSON-B records of Batch Mode's small documents. */
public final class BatchJson {

    private BatchJson() {
    }

    /** The body of {@code batchGenerateContent} for a job over an uploaded file: {@code {"batch": {...}}}. */
    public record CreateBody(Batch batch) {
    }

    /** The job to create. */
    public record Batch(String displayName, InputConfig inputConfig) {
    }

    /** Where the requests are: an uploaded JSONL file. */
    public record InputConfig(String fileName) {
    }
}
