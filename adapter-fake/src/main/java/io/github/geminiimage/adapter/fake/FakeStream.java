package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ImageGenerationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A scripted stream for {@link FakeImageGeneration#stream}: the chunks a server would send (each
 * a delta, as one {@code streamGenerateContent} event), pauses between them, and failures at any
 * point; e.g. {@code FakeStream.builder().thought("Planning").pause(Duration.ofSeconds(2)).text("Here
 * it is").fail(() -> new ServerErrorException(...)).build()}. Use it with
 * {@link FakeResponse#streamed(FakeStream)}; a non-streamed call to the same response returns the
 * joined result (or the failure). A script that ends without {@link Builder#finish} is a stream cut
 * short: the fake raises the {@code MalformedResponseException} a real transport raises. Immutable
 * and thread-safe.
 */
public final class FakeStream {

    /** One step of the script. */
    sealed interface Step permits Chunk, Pause, Fail {
    }

    /** Sends one event. */
    record Chunk(GenerationResult chunk) implements Step {
    }

    /** Waits before the next step (close or cancel end the wait). */
    record Pause(Duration duration) implements Step {
    }

    /** Fails the stream here with a fresh exception. */
    record Fail(Supplier<? extends ImageGenerationException> failure) implements Step {
    }

    private final List<Step> steps;

    private FakeStream(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A new, empty script. */
    public static Builder builder() {
        return new Builder();
    }

    List<Step> steps() {
        return steps;
    }

    /** A stream that sends {@code result} as a server does: one event per part, text in two deltas, finish and usage last. */
    static List<Step> of(GenerationResult result) {
        List<Step> steps = new ArrayList<>();
        if (result.promptFeedback().isPresent() || result.candidates().isEmpty()) {
            steps.add(new Chunk(new GenerationResult(List.of(), result.promptFeedback(), result.usage(),
                    result.modelVersion(), result.responseId())));
            return steps;
        }
        for (Candidate c : result.candidates()) {
            for (Part part : c.parts()) {
                for (Part delta : deltas(part)) {
                    steps.add(new Chunk(delta(result, c.index(), List.of(delta), Optional.empty(), Optional.empty(), Usage.NONE)));
                }
            }
        }
        List<Candidate> finishes = new ArrayList<>();
        for (Candidate c : result.candidates()) {
            finishes.add(new Candidate(c.index(), List.of(), c.finishReason(), c.finishMessage(), c.safetyRatings(),
                    c.grounding(), c.continuationToken()));
        }
        steps.add(new Chunk(new GenerationResult(finishes, Optional.empty(), result.usage(), result.modelVersion(),
                result.responseId())));
        return steps;
    }

    private static List<Part> deltas(Part part) {
        if (part instanceof Part.Text text && text.text().length() > 1) {
            int mid = text.text().length() / 2;
            if (Character.isHighSurrogate(text.text().charAt(mid - 1))) {
                mid++;
            }
            return List.of(new Part.Text(text.text().substring(0, mid), text.thought(), text.thoughtSignature()),
                    new Part.Text(text.text().substring(mid), text.thought(), Optional.empty()));
        }
        return List.of(part);
    }

    private static GenerationResult delta(GenerationResult like, int index, List<Part> parts,
            Optional<FinishReason> finish, Optional<String> message, Usage usage) {
        return new GenerationResult(List.of(new Candidate(index, parts, finish, message, List.of())), Optional.empty(),
                usage, like.modelVersion(), like.responseId());
    }

    @Override
    public String toString() {
        return "FakeStream[" + steps.size() + " steps]";
    }

    /** Builds a {@link FakeStream}; steps run in the order added. Not thread-safe. */
    public static final class Builder {
        private static final GenerationResult SHAPE = new GenerationResult(List.of(), Optional.empty(), Usage.NONE,
                Optional.of("fake-stream"), Optional.of("fake-stream-response"));

        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        /** Sends one event exactly as given (any candidates, parts, finish reasons, usage, feedback). */
        public Builder chunk(GenerationResult chunk) {
            steps.add(new Chunk(Objects.requireNonNull(chunk, "chunk")));
            return this;
        }

        /** Sends a thought-summary text delta (candidate 0). */
        public Builder thought(String text) {
            return part(new Part.Text(Objects.requireNonNull(text, "text"), true, Optional.empty()));
        }

        /** Sends an answer text delta (candidate 0). */
        public Builder text(String text) {
            return part(new Part.Text(Objects.requireNonNull(text, "text"), false, Optional.empty()));
        }

        /** Sends an interim draft image (candidate 0, {@code thought: true}). */
        public Builder thoughtImage(GeneratedImage image) {
            return part(new Part.Image(Objects.requireNonNull(image, "image"), true, Optional.empty()));
        }

        /** Sends an answer image (candidate 0). */
        public Builder image(GeneratedImage image) {
            return part(new Part.Image(Objects.requireNonNull(image, "image"), false, Optional.empty()));
        }

        /** Sends any part, with its thought flag and signature (candidate 0). */
        public Builder part(Part part) {
            return chunk(delta(SHAPE, 0, List.of(Objects.requireNonNull(part, "part")), Optional.empty(), Optional.empty(),
                    Usage.NONE));
        }

        /** Ends candidate 0 with {@code reason} and {@code usage}: the last event of a complete stream. */
        public Builder finish(FinishReason reason, Usage usage) {
            return chunk(delta(SHAPE, 0, List.of(), Optional.of(Objects.requireNonNull(reason, "reason")), Optional.empty(),
                    Objects.requireNonNull(usage, "usage")));
        }

        /** Ends candidate 0 with {@code STOP} and small usage. */
        public Builder finish() {
            return finish(FinishReason.STOP, Usage.of(10, 1290, 1300));
        }

        /** Waits before the next step; closing the stream or cancelling the call ends the wait. */
        public Builder pause(Duration duration) {
            steps.add(new Pause(DurationChecks.nonNegative(duration, "duration")));
            return this;
        }

        /** Fails the stream at this point with the exception the supplier makes (fresh per call). */
        public Builder fail(Supplier<? extends ImageGenerationException> failure) {
            steps.add(new Fail(Objects.requireNonNull(failure, "failure")));
            return this;
        }

        /** The script. */
        public FakeStream build() {
            return new FakeStream(steps);
        }
    }
}
