package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.StreamEvent;
import io.github.geminiimage.domain.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Groups the fake's stream events into the chunks Google sends: one part per chunk, the finish
 * reason and the usage on the last chunk together with its part (test vectors 10, 16, 18), a
 * blocked prompt as one chunk with {@code promptFeedback}. Each chunk is a
 * {@link GenerationResult} carrying only its delta. Not thread-safe.
 */
final class StreamEncoder {

    private final Consumer<GenerationResult> out;
    private final String modelVersion;
    private final String responseId;
    private Usage usage = Usage.NONE;
    private Pending pending;

    private static final class Pending {
        final int candidate;
        final List<Part> parts = new ArrayList<>();
        Optional<FinishReason> finish = Optional.empty();
        Optional<String> message = Optional.empty();
        Optional<PromptFeedback> feedback = Optional.empty();

        Pending(int candidate) {
            this.candidate = candidate;
        }
    }

    StreamEncoder(String modelVersion, String responseId, Consumer<GenerationResult> out) {
        this.out = out;
        this.modelVersion = modelVersion;
        this.responseId = responseId;
    }

    void accept(StreamEvent event) {
        if (event instanceof StreamEvent.PartEvent partEvent) {
            flush();
            pending = new Pending(partEvent.candidate());
            pending.parts.add(part(partEvent));
        } else if (event instanceof StreamEvent.Finished finished) {
            if (pending == null || pending.candidate != finished.candidate() || pending.finish.isPresent()
                    || pending.feedback.isPresent()) {
                flush();
                pending = new Pending(finished.candidate());
            }
            pending.finish = Optional.of(finished.reason());
            pending.message = finished.message();
        } else if (event instanceof StreamEvent.PromptFeedbackReceived feedback) {
            flush();
            pending = new Pending(-1);
            pending.feedback = Optional.of(feedback.feedback());
        } else if (event instanceof StreamEvent.UsageUpdate update) {
            usage = update.usage();
        }
    }

    /** Sends the chunk still held. */
    void flush() {
        if (pending == null) {
            return;
        }
        List<Candidate> candidates = pending.candidate < 0 ? List.of()
                : List.of(new Candidate(pending.candidate, pending.parts, pending.finish, pending.message, List.of()));
        out.accept(new GenerationResult(candidates, pending.feedback, usage, Optional.of(modelVersion),
                Optional.of(responseId)));
        pending = null;
    }

    private static Part part(StreamEvent.PartEvent event) {
        if (event instanceof StreamEvent.ThoughtText t) {
            return t.part();
        }
        if (event instanceof StreamEvent.AnswerText t) {
            return t.part();
        }
        if (event instanceof StreamEvent.ThoughtImage i) {
            return i.part();
        }
        if (event instanceof StreamEvent.AnswerImage i) {
            return i.part();
        }
        return ((StreamEvent.OtherPart) event).part();
    }
}
