package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one request of a batch job: its key and either what the model answered (which, as
 * for {@code generate}, may hold no image: see {@link GenerationResult#outcome()}) or why that
 * request failed, as the same typed exception a {@code generate} call would have thrown. Exactly one
 * of {@link #result()} and {@link #error()} is present. Immutable.
 *
 * @param key the request's key
 * @param result the answer, when the request succeeded
 * @param error the failure, when it failed
 */
public record BatchResult(String key, Optional<GenerationResult> result, Optional<ImageGenerationException> error) {

    /** Checks that exactly one of result and error is present. */
    public BatchResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        if (result.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a batch result holds exactly one of result and error; key " + key);
        }
    }

    /** The answer to a request. */
    public static BatchResult success(String key, GenerationResult result) {
        return new BatchResult(key, Optional.of(result), Optional.empty());
    }

    /** The failure of a request. */
    public static BatchResult failure(String key, ImageGenerationException error) {
        return new BatchResult(key, Optional.empty(), Optional.of(error));
    }

    /** Whether the request succeeded (the server answered it; there may still be no image). */
    public boolean isSuccess() {
        return result.isPresent();
    }

    /**
     * The answer, or the request's failure thrown.
     *
     * @throws ImageGenerationException the failure of this request
     */
    public GenerationResult requireResult() {
        if (error.isPresent()) {
            throw error.get();
        }
        return result.orElseThrow();
    }

    @Override
    public String toString() {
        return "BatchResult[" + key + ", " + result.map(r -> r.outcome().toString())
                .orElseGet(() -> error.orElseThrow().getClass().getSimpleName() + ": " + error.get().getMessage()) + "]";
    }
}
