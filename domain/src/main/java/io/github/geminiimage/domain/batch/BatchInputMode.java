package io.github.geminiimage.domain.batch;

/**
 * How a batch job's requests reach the service ({@code --via} on the command line).
 */
public enum BatchInputMode {
    /**
     * Inline for a small job, a JSONL file otherwise: see {@link BatchSubmitOptions#AUTO_INLINE_MAX_REQUESTS}
     * and {@link BatchSubmitOptions#AUTO_INLINE_MAX_BYTES}.
     */
    AUTO,
    /** In the create call itself ({@code inputConfig.requests}); the whole call must stay under 20 MB. */
    INLINE,
    /** As a JSONL file streamed into a Files API upload ({@code inputConfig.fileName}); up to 2 GB. */
    FILE
}
