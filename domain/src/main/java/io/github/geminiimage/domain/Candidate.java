package io.github.geminiimage.domain;

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
 */
public record Candidate(int index, List<Part> parts, Optional<FinishReason> finishReason,
        Optional<String> finishMessage, List<SafetyRating> safetyRatings, Optional<Grounding> grounding) {

    /** Copies the lists. */
    public Candidate {
        parts = List.copyOf(parts);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(finishMessage, "finishMessage");
        safetyRatings = List.copyOf(safetyRatings);
        Objects.requireNonNull(grounding, "grounding");
    }

    /** A candidate without grounding metadata. */
    public Candidate(int index, List<Part> parts, Optional<FinishReason> finishReason, Optional<String> finishMessage,
            List<SafetyRating> safetyRatings) {
        this(index, parts, finishReason, finishMessage, safetyRatings, Optional.empty());
    }

    /** This candidate with {@code grounding} in place of its own. */
    public Candidate withGrounding(Optional<Grounding> grounding) {
        return new Candidate(index, parts, finishReason, finishMessage, safetyRatings, grounding);
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
