package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.stream.StreamEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the fake's stream events into the chunks Google sends, each as soon as its event arrives
 * (a scripted pause is a pause on the wire): one part per chunk; the finish reason in a last chunk
 * of its own with the final usage (as Google ends image streams); a blocked prompt as one chunk with
 * {@code promptFeedback}. Each chunk is a {@link GenerationResult} carrying only its delta. Not
 * thread-safe.
 */
final class StreamEncoder {

    private final Consumer<GenerationResult> out;
    private final String modelVersion;
    private final String responseId;
    private Usage usage = Usage.NONE;
    private StreamEvent.Finished finish;

    StreamEncoder(String modelVersion, String responseId, Consumer<GenerationResult> out) {
        this.out = out;
        this.modelVersion = modelVersion;
        this.responseId = responseId;
    }

    void accept(StreamEvent event) {
        if (event instanceof StreamEvent.PartEvent partEvent) {
            flush();
            send(List.of(new Candidate(partEvent.candidate(), List.of(part(partEvent)), Optional.empty(), Optional.empty(),
                    List.of())), Optional.empty());
        } else if (event instanceof StreamEvent.Finished finished) {
            flush();
            finish = finished;
        } else if (event instanceof StreamEvent.PromptFeedbackReceived feedback) {
            flush();
            send(List.of(), Optional.of(feedback.feedback()));
        } else if (event instanceof StreamEvent.UsageUpdate update) {
            usage = update.usage();
        }
    }

    /** Sends the finish still held, with the latest usage. */
    void flush() {
        flush(Optional.empty());
    }

    /**
     * Sends the finish still held, with the latest usage and what {@code result} has for its
     * candidate: the grounding and the continuation token. Stream events carry neither, and Google
     * sends them with the finish.
     */
    void flush(Optional<GenerationResult> result) {
        if (finish != null) {
            StreamEvent.Finished f = finish;
            finish = null;
            Optional<Candidate> joined = result.flatMap(r -> r.candidates().stream()
                    .filter(c -> c.index() == f.candidate()).findFirst());
            send(List.of(new Candidate(f.candidate(), List.of(), Optional.of(f.reason()), f.message(), List.of(),
                    joined.flatMap(Candidate::grounding), joined.flatMap(Candidate::continuationToken))),
                    Optional.empty());
        }
    }

    private void send(List<Candidate> candidates, Optional<PromptFeedback> feedback) {
        out.accept(new GenerationResult(candidates, feedback, usage, Optional.of(modelVersion), Optional.of(responseId)));
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
