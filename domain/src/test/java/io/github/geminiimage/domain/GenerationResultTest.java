package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.NoImageException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationResultTest {

    private static final GeneratedImage DRAFT = GeneratedImage.of("image/jpeg", TestImages.jpeg(2, 2));
    private static final GeneratedImage FINAL = GeneratedImage.of("image/jpeg", TestImages.jpeg(3, 3));

    private static Part text(String t) {
        return new Part.Text(t, false, Optional.empty());
    }

    private static Part image(GeneratedImage image, boolean thought) {
        return new Part.Image(image, thought, thought ? Optional.empty() : Optional.of("c2lnbmF0dXJl"));
    }

    private static GenerationResult result(FinishReason reason, Part... parts) {
        return new GenerationResult(List.of(new Candidate(0, List.of(parts), Optional.of(reason), Optional.empty(), List.of())),
                Optional.empty(), Usage.of(10, 1290, 1300), Optional.of("gemini-3-pro-image"), Optional.of("id-1"));
    }

    @Test
    void anImageIsTheOutcomeEvenWithTextAroundIt() {
        GenerationResult r = result(FinishReason.STOP, text("Here you go"), image(FINAL, false));
        assertThat(r.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(r.requireImage()).isEqualTo(FINAL);
        assertThat(r.text()).isEqualTo("Here you go");
        assertThat(r.images()).containsExactly(FINAL);
    }

    @Test
    void theFinalImageIsTheLastNonThoughtImage() {
        GenerationResult r = result(FinishReason.STOP, image(DRAFT, true), image(DRAFT, false), text("t"), image(FINAL, false));
        assertThat(r.finalImage()).contains(FINAL);
        assertThat(r.images()).containsExactly(DRAFT, FINAL);
    }

    @Test
    void onlyThoughtImagesMeanNoImage() {
        GenerationResult r = result(FinishReason.OTHER, image(DRAFT, true));
        assertThat(r.outcome()).isEqualTo(Outcome.NO_IMAGE);
        assertThat(r.finalImage()).isEmpty();
    }

    @Test
    void stopWithTextOnlyIsTextOnly() {
        GenerationResult r = result(FinishReason.STOP, text("I can't draw that, but here is a poem"));
        assertThat(r.outcome()).isEqualTo(Outcome.TEXT_ONLY);
        assertThatThrownBy(r::requireImage)
                .isInstanceOfSatisfying(NoImageException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.TEXT_ONLY);
                    assertThat(e.text()).startsWith("I can't draw that");
                    assertThat(e.finishReason()).contains(FinishReason.STOP);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("text only").hasMessageContaining("model said");
    }

    @Test
    void aBlockedPromptHasNoCandidates() {
        GenerationResult r = new GenerationResult(List.of(),
                Optional.of(new PromptFeedback(Optional.of(BlockReason.PROHIBITED_CONTENT), Optional.of("not allowed"), List.of())),
                Usage.NONE, Optional.empty(), Optional.empty());
        assertThat(r.outcome()).isEqualTo(Outcome.PROMPT_BLOCKED);
        assertThatThrownBy(r::requireImage)
                .isInstanceOfSatisfying(NoImageException.class, e -> {
                    assertThat(e.blockReason()).contains(BlockReason.PROHIBITED_CONTENT);
                    assertThat(e.finishMessage()).contains("not allowed");
                    assertThat(e.httpStatus()).hasValue(200);
                })
                .hasMessageContaining("prompt was blocked (PROHIBITED_CONTENT): not allowed");
    }

    @Test
    void imageSafetyIsACandidateBlock() {
        GenerationResult r = new GenerationResult(List.of(new Candidate(0, List.of(), Optional.of(FinishReason.IMAGE_SAFETY),
                Optional.of("Unable to show the generated image."), List.of())), Optional.empty(), Usage.NONE,
                Optional.empty(), Optional.empty());
        assertThat(r.outcome()).isEqualTo(Outcome.CANDIDATE_BLOCKED);
        assertThatThrownBy(r::requireImage)
                .hasMessageContaining("answer was blocked (IMAGE_SAFETY): Unable to show the generated image.");
    }

    @Test
    void noImageAndImageOtherMeanNothingUsableAndMayBeRetried() {
        for (FinishReason reason : List.of(FinishReason.NO_IMAGE, FinishReason.IMAGE_OTHER, FinishReason.MAX_TOKENS)) {
            GenerationResult r = result(reason);
            assertThat(r.outcome()).as(reason.value()).isEqualTo(Outcome.NO_IMAGE);
            assertThatThrownBy(r::requireImage).isInstanceOfSatisfying(NoImageException.class,
                    e -> assertThat(e.isRetryable()).isTrue()).hasMessageContaining(reason.value());
        }
    }

    @Test
    void anEmptyReplyIsNoImage() {
        GenerationResult r = new GenerationResult(List.of(), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
        assertThat(r.outcome()).isEqualTo(Outcome.NO_IMAGE);
        assertThat(r.text()).isEmpty();
        assertThat(r.modelTurn()).isEmpty();
    }

    @Test
    void usageIsKeptAsReported() {
        Usage usage = new Usage(14, 1283, 1471, 174, 0, 0, List.of(new ModalityTokens(Modality.TEXT, 14)),
                List.of(new ModalityTokens(Modality.IMAGE, 1120)), List.of(), List.of());
        assertThat(usage.totalTokens()).isEqualTo(1471);
        assertThat(usage.candidatesDetails()).containsExactly(new ModalityTokens(Modality.IMAGE, 1120));
    }

    @Test
    void aConversationReplaysTheModelTurnVerbatim() {
        Conversation chat = Conversation.empty();
        GenerationRequest first = chat.request(GenerationRequest.builder().model("gemini-3-pro-image").prompt("A cat"));
        GenerationResult answer = result(FinishReason.STOP, new Part.Text("Here", false, Optional.of("sigA")), image(FINAL, false));
        chat = chat.then(first, answer);
        GenerationRequest second = chat.request(first.toBuilder().prompt("Now in watercolour"));
        assertThat(second.history()).hasSize(2);
        assertThat(second.history().get(0)).isEqualTo(new Turn.User(Optional.of("A cat"), List.of()));
        Turn.Model model = (Turn.Model) second.history().get(1);
        assertThat(model.parts()).isEqualTo(answer.candidates().get(0).parts());
        assertThat(model.parts().get(0).thoughtSignature()).contains("sigA");
        assertThat(second.prompt()).contains("Now in watercolour");

        Conversation after = chat.then(second, result(FinishReason.STOP, image(DRAFT, false)));
        assertThat(after.turns()).hasSize(4);
    }

    @Test
    void aBlockedAnswerAddsNoTurn() {
        Conversation chat = Conversation.empty();
        GenerationRequest request = chat.request(GenerationRequest.builder().prompt("x"));
        GenerationResult blocked = new GenerationResult(List.of(), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
        assertThat(chat.then(request, blocked).turns()).isEmpty();
    }
}
