package io.github.geminiimage.domain.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.MalformedResponseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The joining rules of docs/wire-format.md, "Streaming", one by one. */
class StreamAggregatorTest {

    private static GenerationResult chunk(Usage usage, Optional<FinishReason> finish, Part... parts) {
        return new GenerationResult(List.of(new Candidate(0, List.of(parts), finish, Optional.empty(), List.of())),
                Optional.empty(), usage, Optional.of("m"), Optional.of("r"));
    }

    private static Part.Text text(String s, boolean thought, String signature) {
        return new Part.Text(s, thought, Optional.ofNullable(signature));
    }

    @Test
    void joinsTextOfTheSameKindAndMovesTheSignatureOntoTheJoinedPart() {
        StreamAggregator a = new StreamAggregator();
        a.accept(chunk(Usage.NONE, Optional.empty(), text("Th", true, null), text("ink", true, null)));
        a.accept(chunk(Usage.NONE, Optional.empty(), text("An", false, null), text("swer", false, "sig")));
        a.accept(chunk(Usage.of(1, 2, 3), Optional.of(FinishReason.STOP), text("", false, null)));

        assertThat(a.result().candidates().get(0).parts())
                .containsExactly(text("Think", true, null), text("Answer", false, "sig"));
    }

    @Test
    void neverCombinesTwoSignaturesAndKeepsASignedEmptyPart() {
        StreamAggregator a = new StreamAggregator();
        a.accept(chunk(Usage.NONE, Optional.empty(), text("a", false, "s1"), text("", false, "s2")));
        a.accept(chunk(Usage.of(1, 2, 3), Optional.of(FinishReason.STOP)));

        assertThat(a.result().candidates().get(0).parts()).containsExactly(text("a", false, "s1"), text("", false, "s2"));
    }

    @Test
    void imagesSplitTextAndAreKeptOnceEach() {
        GeneratedImage image = GeneratedImage.of("image/png", new byte[] {1, 2, 3});
        Part.Image draft = new Part.Image(image, true, Optional.empty());
        Part.Image answer = new Part.Image(image, false, Optional.of("sig"));
        StreamAggregator a = new StreamAggregator();

        List<StreamEvent> events = a.accept(chunk(Usage.NONE, Optional.empty(), text("a", false, null), draft, text("b", false, null)));
        events = concat(events, a.accept(chunk(Usage.of(1, 2, 3), Optional.of(FinishReason.STOP), answer)));

        assertThat(a.result().candidates().get(0).parts()).containsExactly(text("a", false, null), draft,
                text("b", false, null), answer);
        assertThat(events).containsExactly(new StreamEvent.AnswerText(0, text("a", false, null)),
                new StreamEvent.ThoughtImage(0, draft), new StreamEvent.AnswerText(0, text("b", false, null)),
                new StreamEvent.AnswerImage(0, answer), new StreamEvent.UsageUpdate(Usage.of(1, 2, 3)),
                new StreamEvent.Finished(0, FinishReason.STOP, Optional.empty()));
    }

    @Test
    void usageComesFromTheLastChunkThatReportsAny() {
        StreamAggregator a = new StreamAggregator();
        a.accept(chunk(Usage.of(1, 1, 2), Optional.empty(), text("a", false, null)));
        a.accept(chunk(Usage.of(1, 5, 6), Optional.empty(), text("b", false, null)));
        a.accept(chunk(Usage.NONE, Optional.of(FinishReason.STOP)));

        assertThat(a.result().usage()).isEqualTo(Usage.of(1, 5, 6));
    }

    @Test
    void aCandidateWithoutFinishReasonMakesTheStreamIncomplete() {
        StreamAggregator a = new StreamAggregator();
        a.accept(chunk(Usage.NONE, Optional.empty(), text("a", false, null)));

        assertThat(a.isComplete()).isFalse();
        assertThatThrownBy(a::result).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("no finish reason for candidate(s) [0]");
        assertThat(a.partialResult().text()).isEqualTo("a");
    }

    private static List<StreamEvent> concat(List<StreamEvent> a, List<StreamEvent> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
