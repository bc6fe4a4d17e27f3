package io.github.geminiimage.domain.stream;

import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.Usage;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a streamed generation delivered, in arrival order: a thought or answer text delta, an
 * interim (thought) image, an answer image, another part, prompt feedback, a usage snapshot, or a
 * candidate's finish. Part events carry the {@link Part} exactly as received, its
 * {@code thoughtSignature} included, so nothing a {@link Conversation} must replay is lost; the
 * stream's final {@link GenerationResult} joins them as {@code generate} would have returned them.
 * Immutable and sealed: {@code instanceof} patterns (or, on Java 21, a {@code switch}) cover every kind.
 */
public sealed interface StreamEvent permits StreamEvent.PartEvent, StreamEvent.PromptFeedbackReceived,
        StreamEvent.UsageUpdate, StreamEvent.Finished {

    /** An event carrying one part of one candidate's answer. */
    sealed interface PartEvent extends StreamEvent permits ThoughtText, AnswerText, ThoughtImage, AnswerImage, OtherPart {

        /** The index of the candidate the part belongs to (0 unless several candidates were asked for). */
        int candidate();

        /** The part as received, with its thought flag and signature. */
        Part part();
    }

    /**
     * A piece of the model's thought summary ({@code thought: true} text; only with
     * {@link GenerationRequest#includeThoughts()}). Deltas split anywhere, even inside a word.
     *
     * @param candidate the candidate index
     * @param part the text part, flagged thought
     */
    record ThoughtText(int candidate, Part.Text part) implements PartEvent {
        /** Checks the part is a thought. */
        public ThoughtText {
            Objects.requireNonNull(part, "part");
            if (!part.thought()) {
                throw new IllegalArgumentException("a ThoughtText event needs a thought part");
            }
        }

        /** The text delta. */
        public String text() {
            return part.text();
        }
    }

    /**
     * A piece of the answer's text. Deltas split anywhere, even inside a word or number; may be
     * empty when the part only carries a thought signature or closes the stream.
     *
     * @param candidate the candidate index
     * @param part the text part, not a thought
     */
    record AnswerText(int candidate, Part.Text part) implements PartEvent {
        /** Checks the part is not a thought. */
        public AnswerText {
            Objects.requireNonNull(part, "part");
            if (part.thought()) {
                throw new IllegalArgumentException("an AnswerText event needs a non-thought part");
            }
        }

        /** The text delta. */
        public String text() {
            return part.text();
        }
    }

    /**
     * An interim draft image ({@code thought: true} inline image; Gemini 3 image models draw up to
     * two while thinking, only with {@link GenerationRequest#includeThoughts()}). Not a result image.
     *
     * @param candidate the candidate index
     * @param part the image part, flagged thought
     */
    record ThoughtImage(int candidate, Part.Image part) implements PartEvent {
        /** Checks the part is a thought. */
        public ThoughtImage {
            Objects.requireNonNull(part, "part");
            if (!part.thought()) {
                throw new IllegalArgumentException("a ThoughtImage event needs a thought part");
            }
        }

        /** The draft image. */
        public GeneratedImage image() {
            return part.image();
        }
    }

    /**
     * An answer image, whole (an image is never split across events). Usually the final image; a
     * model may send more than one, and {@link GenerationResult#finalImage()} is the last.
     *
     * @param candidate the candidate index
     * @param part the image part, not a thought
     */
    record AnswerImage(int candidate, Part.Image part) implements PartEvent {
        /** Checks the part is not a thought. */
        public AnswerImage {
            Objects.requireNonNull(part, "part");
            if (part.thought()) {
                throw new IllegalArgumentException("an AnswerImage event needs a non-thought part");
            }
        }

        /** The image. */
        public GeneratedImage image() {
            return part.image();
        }
    }

    /**
     * A part this library does not model (function call, non-image inline data, ...), kept as its JSON.
     *
     * @param candidate the candidate index
     * @param part the part
     */
    record OtherPart(int candidate, Part.Other part) implements PartEvent {
        /** Checks the part is present. */
        public OtherPart {
            Objects.requireNonNull(part, "part");
        }
    }

    /**
     * Feedback on the prompt; in a stream it comes first and, when it holds a block reason, the
     * stream ends with no candidates.
     *
     * @param feedback the feedback as received
     */
    record PromptFeedbackReceived(PromptFeedback feedback) implements StreamEvent {
        /** Checks the feedback is present. */
        public PromptFeedbackReceived {
            Objects.requireNonNull(feedback, "feedback");
        }
    }

    /**
     * A usage snapshot: counts are cumulative (each snapshot replaces the one before). Sent when
     * an event's usage differs from the previous one; Vertex sends full counts only at the end.
     *
     * @param usage the usage as reported so far
     */
    record UsageUpdate(Usage usage) implements StreamEvent {
        /** Checks the usage is present. */
        public UsageUpdate {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /**
     * A candidate finished. Normally the last event of a stream (one per candidate); a stream that
     * ends without it (and without a blocked prompt) is a failure, never a success.
     *
     * @param candidate the candidate index
     * @param reason why it stopped ({@code STOP}, {@code IMAGE_SAFETY}, ...)
     * @param message the server's explanation, when given
     */
    record Finished(int candidate, FinishReason reason, Optional<String> message) implements StreamEvent {
        /** Checks the values are present. */
        public Finished {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
