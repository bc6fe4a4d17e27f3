package io.github.geminiimage.domain.stream;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.SafetyRating;
import io.github.geminiimage.domain.ServedTier;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.grounding.Grounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Joins the chunks of a streamed reply ({@code streamGenerateContent}: every event a full
 * {@code GenerateContentResponse} holding only the new parts) into the one {@link GenerationResult}
 * that {@code generateContent} returns for the same reply, and lists the {@link StreamEvent}s each
 * chunk carries (docs/wire-format.md, "Streaming"). {@link #result()} refuses an incomplete stream,
 * which is a truncated reply, never a success. Not thread-safe: one per stream.
 */
public final class StreamAggregator {

    private final Map<Integer, CandidateState> candidates = new TreeMap<>();
    private Optional<PromptFeedback> promptFeedback = Optional.empty();
    private Usage usage = Usage.NONE;
    /** The served tier of the last chunk that named one (its usage's trafficType). */
    private ServedTier servedTier = ServedTier.NONE;
    private Optional<String> modelVersion = Optional.empty();
    private Optional<String> responseId = Optional.empty();
    private int chunks;

    /** An aggregator that has seen nothing yet. */
    public StreamAggregator() {
    }

    /**
     * Adds the next chunk and returns its events, in order: prompt feedback, then each part of each
     * candidate, then a usage update when the usage changed, then a finish per candidate that
     * reports one for the first time (or a different one).
     *
     * <p>Parts are kept in arrival order per candidate; a text part is joined to the one before it
     * only when both are text with the same {@code thought} flag and at most one of them has a
     * {@code thoughtSignature} (which the joined part keeps): signatures are never dropped nor
     * combined, and an empty text part that carries one is kept. Images and other parts are never
     * joined, each kept once. Finish reason, finish message, safety ratings and grounding metadata
     * come from the last chunk that has them; usage from the last that reports any; prompt feedback
     * from the first; model version and response id from the last; the continuation token from the
     * last chunk that has one.
     *
     * @param chunk one decoded stream event
     * @return the events it carries; empty for a chunk with nothing new
     */
    public List<StreamEvent> accept(GenerationResult chunk) {
        Objects.requireNonNull(chunk, "chunk");
        chunks++;
        List<StreamEvent> events = new ArrayList<>();
        if (chunk.promptFeedback().isPresent()) {
            if (promptFeedback.isEmpty()) {
                promptFeedback = chunk.promptFeedback();
            }
            events.add(new StreamEvent.PromptFeedbackReceived(chunk.promptFeedback().get()));
        }
        List<StreamEvent> finishes = new ArrayList<>();
        for (Candidate c : chunk.candidates()) {
            CandidateState state = candidates.computeIfAbsent(c.index(), CandidateState::new);
            for (Part part : c.parts()) {
                state.add(part);
                events.add(eventOf(c.index(), part));
            }
            if (!c.safetyRatings().isEmpty()) {
                state.safetyRatings = c.safetyRatings();
            }
            if (c.finishMessage().isPresent()) {
                state.finishMessage = c.finishMessage();
            }
            if (c.grounding().isPresent()) {
                state.grounding = c.grounding();
            }
            if (c.continuationToken().isPresent()) {
                // A long stream may put checkpoint tokens on earlier chunks: the last one resumes.
                state.continuationToken = c.continuationToken();
            }
            if (c.finishReason().isPresent() && !c.finishReason().equals(state.finishReason)) {
                state.finishReason = c.finishReason();
                finishes.add(new StreamEvent.Finished(c.index(), c.finishReason().get(), state.finishMessage));
            }
        }
        if (chunk.servedTier().isKnown()) {
            servedTier = chunk.servedTier();
        }
        if (!chunk.usage().equals(Usage.NONE) && !chunk.usage().equals(usage)) {
            usage = chunk.usage();
            events.add(new StreamEvent.UsageUpdate(usage));
        }
        if (chunk.modelVersion().isPresent()) {
            modelVersion = chunk.modelVersion();
        }
        if (chunk.responseId().isPresent()) {
            responseId = chunk.responseId();
        }
        events.addAll(finishes);
        return events;
    }

    /** How many chunks were added. */
    public int chunks() {
        return chunks;
    }

    /**
     * Whether the stream reached its end: every candidate finished, or the prompt was blocked
     * with no candidate.
     */
    public boolean isComplete() {
        if (candidates.isEmpty()) {
            return promptFeedback.flatMap(PromptFeedback::blockReason).isPresent();
        }
        return candidates.values().stream().allMatch(c -> c.finishReason.isPresent());
    }

    /**
     * The joined result of a complete stream.
     *
     * @throws MalformedResponseException if the stream is not {@link #isComplete() complete}: it
     *     ended without a finish reason (a truncated stream)
     */
    public GenerationResult result() {
        if (!isComplete()) {
            String unfinished = candidates.isEmpty() ? "no candidate and no block reason"
                    : "no finish reason for candidate(s) " + candidates.values().stream()
                            .filter(c -> c.finishReason.isEmpty()).map(c -> Integer.toString(c.index)).toList();
            throw new MalformedResponseException("the stream ended after " + chunks + " event(s) with " + unfinished
                    + ": the reply was cut short", new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        }
        return partialResult();
    }

    /** What arrived so far, joined the same way, complete or not (e.g. to show a cut-short stream). */
    public GenerationResult partialResult() {
        List<Candidate> list = new ArrayList<>(candidates.size());
        for (CandidateState c : candidates.values()) {
            list.add(c.toCandidate());
        }
        return new GenerationResult(list, promptFeedback, usage, modelVersion, responseId, servedTier, Optional.empty());
    }

    private static StreamEvent eventOf(int candidate, Part part) {
        if (part instanceof Part.Text text) {
            return text.thought() ? new StreamEvent.ThoughtText(candidate, text) : new StreamEvent.AnswerText(candidate, text);
        }
        if (part instanceof Part.Image image) {
            return image.thought() ? new StreamEvent.ThoughtImage(candidate, image) : new StreamEvent.AnswerImage(candidate, image);
        }
        return new StreamEvent.OtherPart(candidate, (Part.Other) part);
    }

    /** One candidate's parts so far; the last text part stays open (a builder) while deltas arrive. */
    private static final class CandidateState {
        final int index;
        final List<Part> closed = new ArrayList<>();
        StringBuilder openText;
        boolean openThought;
        Optional<String> openSignature = Optional.empty();
        Optional<FinishReason> finishReason = Optional.empty();
        Optional<String> finishMessage = Optional.empty();
        List<SafetyRating> safetyRatings = List.of();
        Optional<Grounding> grounding = Optional.empty();
        Optional<String> continuationToken = Optional.empty();

        CandidateState(int index) {
            this.index = index;
        }

        void add(Part part) {
            if (part instanceof Part.Text text) {
                boolean joins = openText != null && openThought == text.thought()
                        && (openSignature.isEmpty() || text.thoughtSignature().isEmpty());
                if (joins) {
                    openText.append(text.text());
                    if (openSignature.isEmpty()) {
                        openSignature = text.thoughtSignature();
                    }
                    return;
                }
                closeText();
                openText = new StringBuilder(text.text());
                openThought = text.thought();
                openSignature = text.thoughtSignature();
                return;
            }
            closeText();
            closed.add(part);
        }

        private void closeText() {
            if (openText != null) {
                closed.add(new Part.Text(openText.toString(), openThought, openSignature));
                openText = null;
            }
        }

        Candidate toCandidate() {
            List<Part> parts = new ArrayList<>(closed);
            if (openText != null) {
                parts.add(new Part.Text(openText.toString(), openThought, openSignature));
            }
            return new Candidate(index, parts, finishReason, finishMessage, safetyRatings, grounding, continuationToken);
        }
    }
}
