package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Feedback on the prompt; present when the prompt was blocked.
 *
 * @param blockReason why it was blocked
 * @param blockReasonMessage the server's explanation (Vertex)
 * @param safetyRatings the prompt's ratings
 */
public record PromptFeedback(Optional<BlockReason> blockReason, Optional<String> blockReasonMessage,
        List<SafetyRating> safetyRatings) {

    /** Copies the list. */
    public PromptFeedback {
        Objects.requireNonNull(blockReason, "blockReason");
        Objects.requireNonNull(blockReasonMessage, "blockReasonMessage");
        safetyRatings = List.copyOf(safetyRatings);
    }
}
