package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationTest {

    private static final Part IMAGE = new Part.Image(GeneratedImage.of("image/png", TestImages.png(2, 2)), false,
            Optional.empty());

    private static GenerationResult answer(FinishReason reason, Part... parts) {
        return new GenerationResult(List.of(new Candidate(0, List.of(parts), Optional.of(reason), Optional.empty(), List.of())),
                Optional.empty(), Usage.of(10, 0, 10), Optional.empty(), Optional.empty());
    }

    private static GenerationRequest ask(Conversation chat, String prompt) {
        return chat.request(GenerationRequest.builder().model(ImageModel.GEMINI_2_5_FLASH_IMAGE).prompt(prompt));
    }

    @Test
    void anAnswerWithoutPartsAddsNoTurn_soTheNextRequestSendsNoEmptyTurn() {
        Conversation chat = Conversation.empty();
        GenerationRequest first = ask(chat, "A cat");
        chat = chat.then(first, answer(FinishReason.STOP, IMAGE));
        GenerationRequest second = ask(chat, "Now in watercolour");
        chat = chat.then(second, answer(FinishReason.NO_IMAGE));

        assertThat(chat.turns()).hasSize(2);
        GenerationRequest third = ask(chat, "Try again in watercolour");
        assertThat(third.history()).hasSize(2);
        assertThat(third.history().get(1)).isEqualTo(new Turn.Model(List.of(IMAGE)));
    }

    @Test
    void aModelTurnWithoutParts_inASavedSession_isDroppedWithTheUserTurnItAnswered() {
        Turn.User asked = new Turn.User(Optional.of("A cat"), List.of());
        Turn.User again = new Turn.User(Optional.of("Now in watercolour"), List.of());
        Conversation chat = new Conversation(List.of(asked, new Turn.Model(List.of(IMAGE)), again, new Turn.Model(List.of())));

        assertThat(chat.turns()).containsExactly(asked, new Turn.Model(List.of(IMAGE)));
    }

    @Test
    void aRequestReplayingATurnWithoutParts_isRefusedBeforeSending() {
        GenerationRequest.Builder builder = GenerationRequest.builder().prompt("again")
                .history(List.of(new Turn.User(Optional.of("A cat"), List.of()), new Turn.Model(List.of())));

        assertThatThrownBy(builder::build).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("history[1]").hasMessageContaining("model turn without parts");
    }
}
