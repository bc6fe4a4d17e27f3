package io.github.geminiimage.domain.batch;

import java.util.Objects;

/**
 * How to submit a batch job: the input mode. Immutable. {@link BatchInputMode#AUTO} sends a job
 * inline only when it is small by both limits below, and as a JSONL file otherwise.
 *
 * @param via the input mode
 */
public record BatchSubmitOptions(BatchInputMode via) {

    /**
     * The most requests {@code AUTO} sends inline. The limit is for the results: an inline job
     * returns every image inside one {@code batches.get} reply, which timed out at 150 2K images, and
     * Google recommends files for image batches; a file's results are downloaded and read line by line.
     */
    public static final int AUTO_INLINE_MAX_REQUESTS = 32;

    /** The most bytes of request JSON {@code AUTO} sends inline (the service's 20 MB, less room for the JSON around). */
    public static final long AUTO_INLINE_MAX_BYTES = 19_000_000;

    /** The service's limit for an inline create call (docs/wire-format.md, "Batch Mode"). */
    public static final long INLINE_MAX_BYTES = 20_000_000;

    /** Checks the mode is present. */
    public BatchSubmitOptions {
        Objects.requireNonNull(via, "via");
    }

    /** The defaults: {@code AUTO}. */
    public static BatchSubmitOptions defaults() {
        return new BatchSubmitOptions(BatchInputMode.AUTO);
    }

    /** Options with the given input mode. */
    public static BatchSubmitOptions via(BatchInputMode mode) {
        return new BatchSubmitOptions(mode);
    }

    /**
     * The mode for a job of {@code requests} requests whose request JSON has {@code bytes} bytes:
     * {@code INLINE} or {@code FILE}, never {@code AUTO}.
     */
    public BatchInputMode resolve(long requests, long bytes) {
        if (via != BatchInputMode.AUTO) {
            return via;
        }
        return requests <= AUTO_INLINE_MAX_REQUESTS && bytes < AUTO_INLINE_MAX_BYTES ? BatchInputMode.INLINE : BatchInputMode.FILE;
    }
}
