package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.grounding.Grounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the server answered with HTTP 200. That does not mean an image came back: see
 * {@link #outcome()} and {@link #requireImage()}. Immutable.
 *
 * @param candidates the candidates; empty when the prompt was blocked
 * @param promptFeedback the prompt feedback, when the server gave one
 * @param usage token usage as reported
 * @param modelVersion the model version the server reported
 * @param responseId the server's response id
 * @param servedTier the tier that served the call, as the reply says it ({@link ServedTier#NONE} when it does not;
 *     for a continued call, the last reply's)
 * @param cost the estimated cost, when the client priced the reply (see {@link PriceTable}); for a
 *     continued call, of all its requests (priced once, from the summed usage)
 * @param continuations how many extra requests continued the generation (0 when the first reply
 *     was complete); {@code usage} is then the sum over all of them (docs/wire-format.md, "Continuation")
 */
public record GenerationResult(List<Candidate> candidates, Optional<PromptFeedback> promptFeedback, Usage usage,
        Optional<String> modelVersion, Optional<String> responseId, ServedTier servedTier, Optional<CostEstimate> cost,
        int continuations) {

    /** Copies the list. */
    public GenerationResult {
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(promptFeedback, "promptFeedback");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(servedTier, "servedTier");
        Objects.requireNonNull(cost, "cost");
        if (continuations < 0) {
            throw new IllegalArgumentException("continuations must be at least 0; got " + continuations);
        }
    }

    /** The result of one reply, not continued, that names no served tier and carries no cost estimate. */
    public GenerationResult(List<Candidate> candidates, Optional<PromptFeedback> promptFeedback, Usage usage,
            Optional<String> modelVersion, Optional<String> responseId) {
        this(candidates, promptFeedback, usage, modelVersion, responseId, ServedTier.NONE, Optional.empty(), 0);
    }

    /** The result of one reply, not continued. */
    public GenerationResult(List<Candidate> candidates, Optional<PromptFeedback> promptFeedback, Usage usage,
            Optional<String> modelVersion, Optional<String> responseId, ServedTier servedTier, Optional<CostEstimate> cost) {
        this(candidates, promptFeedback, usage, modelVersion, responseId, servedTier, cost, 0);
    }

    /** A result continued {@code continuations} times that names no served tier and carries no cost estimate. */
    public GenerationResult(List<Candidate> candidates, Optional<PromptFeedback> promptFeedback, Usage usage,
            Optional<String> modelVersion, Optional<String> responseId, int continuations) {
        this(candidates, promptFeedback, usage, modelVersion, responseId, ServedTier.NONE, Optional.empty(), continuations);
    }

    /** This result with another served tier. */
    public GenerationResult withServedTier(ServedTier tier) {
        return new GenerationResult(candidates, promptFeedback, usage, modelVersion, responseId, tier, cost, continuations);
    }

    /** This result with another cost estimate. */
    public GenerationResult withCost(Optional<CostEstimate> estimate) {
        return new GenerationResult(candidates, promptFeedback, usage, modelVersion, responseId, servedTier, estimate,
                continuations);
    }

    /**
     * This result priced with {@code table} for {@code request} (a synchronous call): the served
     * tier, else the requested one, picks the row. No row for the model leaves the cost empty.
     */
    public GenerationResult priced(PriceTable table, GenerationRequest request) {
        return withCost(table.estimate(request.model().id(), this, request.serviceTier(), false));
    }

    /**
     * The token to resume an {@link Outcome#INCOMPLETE} generation with: the first candidate's
     * {@code continuationToken} when it stopped with {@link FinishReason#CONTINUATION}; empty otherwise.
     * Send it with {@link GenerationRequest.Builder#continuationToken(String)} on the same request
     * and join the replies with {@link #followedBy}.
     */
    public Optional<String> continuationToken() {
        return candidates.isEmpty() || !candidates.get(0).isContinuable() ? Optional.empty()
                : candidates.get(0).continuationToken();
    }

    /**
     * This result followed by {@code rest}, the reply to the same request sent again with this
     * result's continuation token: candidates matched by index, parts appended in order (thought
     * signatures kept), finish reason, message and token from {@code rest}, usage summed, prompt
     * feedback the first one, model version, response id and served tier the last ones (a served tier
     * only when {@code rest} names one), cost the sum when both are priced (else empty);
     * {@link #continuations()} counts this result's, {@code rest}'s and the request that got {@code rest}.
     */
    public GenerationResult followedBy(GenerationResult rest) {
        Objects.requireNonNull(rest, "rest");
        Map<Integer, Candidate> merged = new TreeMap<>();
        for (Candidate c : candidates) {
            merged.put(c.index(), c);
        }
        for (Candidate c : rest.candidates) {
            merged.merge(c.index(), c, (before, after) -> {
                List<Part> parts = new ArrayList<>(before.parts());
                parts.addAll(after.parts());
                return new Candidate(after.index(), parts,
                        after.finishReason().isPresent() ? after.finishReason() : before.finishReason(),
                        after.finishReason().isPresent() ? after.finishMessage() : before.finishMessage(),
                        after.safetyRatings().isEmpty() ? before.safetyRatings() : after.safetyRatings(),
                        after.grounding().isPresent() ? after.grounding() : before.grounding(),
                        after.finishReason().isPresent() ? after.continuationToken() : before.continuationToken());
            });
        }
        return new GenerationResult(List.copyOf(merged.values()),
                promptFeedback.isPresent() ? promptFeedback : rest.promptFeedback, usage.plus(rest.usage),
                rest.modelVersion.isPresent() ? rest.modelVersion : modelVersion,
                rest.responseId.isPresent() ? rest.responseId : responseId,
                rest.servedTier.isKnown() ? rest.servedTier : servedTier,
                cost.isPresent() && rest.cost.isPresent() ? Optional.of(cost.get().plus(rest.cost.get())) : Optional.empty(),
                continuations + rest.continuations + 1);
    }

    /** Every non-thought image of every candidate, in order. */
    public List<GeneratedImage> images() {
        List<GeneratedImage> images = new ArrayList<>();
        for (Candidate candidate : candidates) {
            images.addAll(candidate.images());
        }
        return List.copyOf(images);
    }

    /**
     * The final image: the last non-thought image of the first candidate that has one (Gemini 3
     * may send interim drafts before it).
     */
    public Optional<GeneratedImage> finalImage() {
        for (Candidate candidate : candidates) {
            List<GeneratedImage> images = candidate.images();
            if (!images.isEmpty()) {
                return Optional.of(images.get(images.size() - 1));
            }
        }
        return Optional.empty();
    }

    /** The non-thought text of the first candidate; empty when none. */
    public String text() {
        return candidates.isEmpty() ? "" : candidates.get(0).text();
    }

    /** The finish reason of the first candidate. */
    public Optional<FinishReason> finishReason() {
        return candidates.isEmpty() ? Optional.empty() : candidates.get(0).finishReason();
    }

    /**
     * What grounding with Google Search used for the first candidate (queries and sources), when the
     * request asked for it and the reply carries it. Google's terms ask applications to show the sources.
     */
    public Optional<Grounding> grounding() {
        return candidates.isEmpty() ? Optional.empty() : candidates.get(0).grounding();
    }

    /** The prompt's block reason, if it was blocked. */
    public Optional<BlockReason> blockReason() {
        return promptFeedback.flatMap(PromptFeedback::blockReason);
    }

    /** What the call produced, telling an image from text only, a blocked prompt or candidate, or nothing. */
    public Outcome outcome() {
        if (continuationToken().isPresent()) {
            return Outcome.INCOMPLETE;
        }
        if (finalImage().isPresent()) {
            return Outcome.IMAGE;
        }
        if (candidates.isEmpty()) {
            return blockReason().isPresent() ? Outcome.PROMPT_BLOCKED : Outcome.NO_IMAGE;
        }
        Optional<FinishReason> reason = finishReason();
        if (reason.isPresent() && reason.get().isContentRefusal()) {
            return Outcome.CANDIDATE_BLOCKED;
        }
        boolean stoppedNormally = reason.isEmpty() || reason.get().equals(FinishReason.STOP);
        return stoppedNormally && !text().isBlank() ? Outcome.TEXT_ONLY : Outcome.NO_IMAGE;
    }

    /**
     * The final image, or an exception that says why there is none.
     *
     * @throws NoImageException with the outcome, finish or block reason, message and any text; for
     *     an {@link Outcome#INCOMPLETE} result (even one holding an image so far) also the token to resume with
     */
    public GeneratedImage requireImage() {
        Outcome outcome = outcome();
        Optional<GeneratedImage> image = finalImage();
        if (image.isPresent() && outcome != Outcome.INCOMPLETE) {
            return image.get();
        }
        Optional<String> message = candidates.isEmpty()
                ? promptFeedback.flatMap(PromptFeedback::blockReasonMessage)
                : candidates.get(0).finishMessage();
        StringBuilder why = new StringBuilder("no image in the reply: ");
        switch (outcome) {
            case PROMPT_BLOCKED -> why.append("the prompt was blocked (").append(blockReason().get()).append(')');
            case CANDIDATE_BLOCKED -> why.append("the answer was blocked (").append(finishReason().get()).append(')');
            case TEXT_ONLY -> why.append("the model answered with text only");
            case INCOMPLETE -> why.append("the model stopped before it finished (CONTINUATION) after ")
                    .append(continuations + 1).append(continuations == 0 ? " request" : " requests")
                    .append("; send the request again with its continuationToken to get the rest");
            default -> why.append("the model produced no image (")
                    .append(finishReason().map(FinishReason::value).orElse("no candidates")).append(')');
        }
        message.ifPresent(m -> why.append(": ").append(m));
        finishReason().flatMap(FinishReason::explanation).ifPresent(e -> why.append("; ").append(e));
        String text = text();
        if (!text.isBlank()) {
            why.append("; model said: ").append(InvalidRequestException.shorten(text));
        }
        throw new NoImageException(why.toString(), outcome, finishReason(), blockReason(), message, text,
                continuationToken());
    }

    /**
     * The first candidate's answer as a turn to replay in the next request; empty when there is no
     * candidate or it has no parts (e.g. {@code NO_IMAGE}), since the server refuses a turn without
     * parts with a 400.
     */
    public Optional<Turn.Model> modelTurn() {
        return candidates.isEmpty() || candidates.get(0).parts().isEmpty() ? Optional.empty()
                : Optional.of(new Turn.Model(candidates.get(0).parts()));
    }
}
