package io.github.geminiimage.domain;

import io.github.geminiimage.domain.grounding.Grounding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One candidate answer: its parts in order, why it finished, and its safety ratings.
 *
 * @param index the candidate's index (0 when the server omits it, as Vertex does)
 * @param parts the parts in the order received; empty when the content was missing, {@code {}} or null
 * @param finishReason why it stopped; empty for an unfinished stream chunk
 * @param finishMessage the server's explanation, when given
 * @param safetyRatings the ratings, usually none for image models
 * @param grounding what grounding with Google Search used ({@code groundingMetadata}), when the reply has it
 * @param continuationToken {@code continuationToken}: the opaque base64 token to send back to get
 *     the rest, when the candidate stopped with {@link FinishReason#CONTINUATION} (a stream may put
 *     checkpoint tokens on earlier chunks too)
 */
public record Candidate(int index, List<Part> parts, Optional<FinishReason> finishReason,
        Optional<String> finishMessage, List<SafetyRating> safetyRatings, Optional<Grounding> grounding,
        Optional<String> continuationToken) {

    /** Copies the lists. */
    public Candidate {
        parts = List.copyOf(parts);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(finishMessage, "finishMessage");
        safetyRatings = List.copyOf(safetyRatings);
        Objects.requireNonNull(grounding, "grounding");
        Objects.requireNonNull(continuationToken, "continuationToken");
    }

    /** A candidate with grounding metadata and without a continuation token. */
    public Candidate(int index, List<Part> parts, Optional<FinishReason> finishReason, Optional<String> finishMessage,
            List<SafetyRating> safetyRatings, Optional<Grounding> grounding) {
        this(index, parts, finishReason, finishMessage, safetyRatings, grounding, Optional.empty());
    }

    /** A candidate without grounding metadata nor a continuation token. */
    public Candidate(int index, List<Part> parts, Optional<FinishReason> finishReason, Optional<String> finishMessage,
            List<SafetyRating> safetyRatings) {
        this(index, parts, finishReason, finishMessage, safetyRatings, Optional.empty(), Optional.empty());
    }

    /** This candidate with {@code grounding} in place of its own. */
    public Candidate withGrounding(Optional<Grounding> grounding) {
        return new Candidate(index, parts, finishReason, finishMessage, safetyRatings, grounding, continuationToken);
    }

    /**
     * Whether the model stopped before it finished: finish reason {@code CONTINUATION} with a token
     * to resume from.
     */
    public boolean isContinuable() {
        return finishReason.equals(Optional.of(FinishReason.CONTINUATION)) && continuationToken.isPresent();
    }

    /** The images of non-thought parts, in order. */
    public List<GeneratedImage> images() {
        return parts.stream().filter(p -> p instanceof Part.Image && !p.thought())
                .map(p -> ((Part.Image) p).image()).toList();
    }

    /** The text of non-thought text parts, joined in order. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Part.Text t && !t.thought()) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
