package io.github.geminiimage.domain.error;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link GenerationResult#requireImage()} when the server answered but gave no image:
 * carries the outcome, the finish or block reason, the finish message and any text the model wrote.
 */
public final class NoImageException extends ImageGenerationException {

    private final Outcome outcome;
    private final transient FinishReason finishReason;
    private final transient BlockReason blockReason;
    private final String finishMessage;
    private final String text;
    private final String continuationToken;

    /** Creates the exception from what the result held. */
    public NoImageException(String message, Outcome outcome, Optional<FinishReason> finishReason,
            Optional<BlockReason> blockReason, Optional<String> finishMessage, String text) {
        this(message, outcome, finishReason, blockReason, finishMessage, text, Optional.empty());
    }

    /**
     * Creates the exception from what the result held, with the token that resumes an
     * {@link Outcome#INCOMPLETE} generation.
     */
    public NoImageException(String message, Outcome outcome, Optional<FinishReason> finishReason,
            Optional<BlockReason> blockReason, Optional<String> finishMessage, String text,
            Optional<String> continuationToken) {
        super(message, new ErrorDetails(200, Optional.empty(), finishMessage, 1, Optional.empty()), null);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.finishReason = finishReason.orElse(null);
        this.blockReason = blockReason.orElse(null);
        this.finishMessage = finishMessage.orElse(null);
        this.text = Objects.requireNonNull(text, "text");
        this.continuationToken = continuationToken.orElse(null);
    }

    /**
     * For an {@link Outcome#INCOMPLETE} generation, the token to send with the same request
     * ({@link GenerationRequest.Builder#continuationToken(String)}) to get the rest.
     */
    public Optional<String> continuationToken() {
        return Optional.ofNullable(continuationToken);
    }

    /** Why there is no image, in one word. */
    public Outcome outcome() {
        return outcome;
    }

    /** The finish reason of the first candidate, if any. */
    public Optional<FinishReason> finishReason() {
        return Optional.ofNullable(finishReason);
    }

    /** The prompt's block reason, if the prompt was blocked. */
    public Optional<BlockReason> blockReason() {
        return Optional.ofNullable(blockReason);
    }

    /** The server's explanation, if it gave one. */
    public Optional<String> finishMessage() {
        return Optional.ofNullable(finishMessage);
    }

    /** The text the model wrote instead (often explains the refusal); empty when none. */
    public String text() {
        return text;
    }

    @Override
    public boolean isRetryable() {
        return outcome == Outcome.NO_IMAGE || outcome == Outcome.INCOMPLETE;
    }
}
