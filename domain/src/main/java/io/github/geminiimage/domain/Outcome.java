package io.github.geminiimage.domain;

/** What a call that the server answered with HTTP 200 actually produced. */
public enum Outcome {
    /** At least one final (non-thought) image. */
    IMAGE,
    /** The model answered with text only (finish reason {@code STOP} or none). */
    TEXT_ONLY,
    /** The prompt was refused: no candidates, {@code promptFeedback.blockReason} set. */
    PROMPT_BLOCKED,
    /** The candidate was refused for safety, prohibited content, recitation or similar. */
    CANDIDATE_BLOCKED,
    /** The model produced nothing usable ({@code NO_IMAGE}, {@code IMAGE_OTHER}, {@code MAX_TOKENS}, ...). */
    NO_IMAGE,
    /**
     * The model stopped before it finished ({@code CONTINUATION}): automatic continuation was turned
     * off or reached its bound. {@link GenerationResult#continuationToken()} resumes it.
     */
    INCOMPLETE
}
