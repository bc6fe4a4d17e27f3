package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.continuation.ContinuationHops;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NoImageException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Joining the replies of a continued generation, and when to send another request. */
class ContinuationDomainTest {

    private static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("a cat").build();

    private static GenerationResult piece(String text, String signature, String token, Usage usage) {
        Part part = new Part.Text(text, false, Optional.ofNullable(signature));
        return new GenerationResult(List.of(new Candidate(0, List.of(part), Optional.of(FinishReason.CONTINUATION),
                Optional.empty(), List.of(), Optional.empty(), Optional.of(token))), Optional.empty(), usage, Optional.of("v1"),
                Optional.of("r1"));
    }

    private static GenerationResult last(String text, Usage usage) {
        return new GenerationResult(List.of(new Candidate(0, List.of(new Part.Text(text, false, Optional.empty())),
                Optional.of(FinishReason.STOP), Optional.empty(), List.of())), Optional.empty(), usage, Optional.of("v2"),
                Optional.of("r2"));
    }

    private static Usage usage(long prompt, long output, Modality modality) {
        return new Usage(prompt, output, prompt + output, 0, 0, 0, List.of(new ModalityTokens(Modality.TEXT, prompt)),
                List.of(new ModalityTokens(modality, output)), List.of(), List.of());
    }

    @Test
    void followedByAppendsThePartsKeepsTheSignaturesAndSumsTheUsage() {
        GenerationResult joined = piece("Here ", "sig-a", "dG9rZW4x", usage(10, 5, Modality.TEXT))
                .followedBy(last("is a cat", usage(10, 1290, Modality.IMAGE)));

        assertThat(joined.candidates()).hasSize(1);
        assertThat(joined.candidates().get(0).parts()).extracting(Part::thoughtSignature)
                .containsExactly(Optional.of("sig-a"), Optional.empty());
        assertThat(joined.text()).isEqualTo("Here is a cat");
        assertThat(joined.finishReason()).contains(FinishReason.STOP);
        assertThat(joined.continuationToken()).isEmpty();
        assertThat(joined.continuations()).isEqualTo(1);
        assertThat(joined.usage().totalTokens()).isEqualTo(1315);
        assertThat(joined.usage().promptDetails()).containsExactly(new ModalityTokens(Modality.TEXT, 20));
        assertThat(joined.usage().candidatesDetails()).containsExactly(new ModalityTokens(Modality.TEXT, 5),
                new ModalityTokens(Modality.IMAGE, 1290));
        assertThat(joined.modelVersion()).contains("v2");
        assertThat(joined.modelTurn().orElseThrow().parts()).hasSize(2);
    }

    @Test
    void aConversationKeepsTheJoinedModelTurn() {
        GenerationResult joined = piece("Here ", "sig-a", "dG9rZW4x", Usage.NONE).followedBy(last("is a cat", Usage.NONE));

        Conversation chat = Conversation.empty().then(REQUEST, joined);

        assertThat(chat.turns()).hasSize(2);
        assertThat(((Turn.Model) chat.turns().get(1)).parts()).isEqualTo(joined.candidates().get(0).parts()).hasSize(2);
    }

    @Test
    void anIncompleteResultIsItsOwnOutcomeEvenWithAnImageSoFar() {
        GeneratedImage png = GeneratedImage.of("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        GenerationResult partial = new GenerationResult(List.of(new Candidate(0, List.of(new Part.Image(png, false,
                Optional.empty())), Optional.of(FinishReason.CONTINUATION), Optional.empty(), List.of(),
                Optional.empty(), Optional.of("dG9rZW4x"))), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());

        assertThat(partial.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThatThrownBy(partial::requireImage).isInstanceOfSatisfying(NoImageException.class, e -> {
            assertThat(e.continuationToken()).contains("dG9rZW4x");
            assertThat(e.isRetryable()).isTrue();
        }).hasMessageContaining("CONTINUATION").hasMessageContaining("continuationToken");
        assertThat(REQUEST.resuming(partial).continuationToken()).contains("dG9rZW4x");
    }

    @Test
    void resumingAFinishedResultIsRefusedNamingTheField() {
        assertThatThrownBy(() -> REQUEST.resuming(last("done", Usage.NONE))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("continuationToken").hasMessageContaining("TEXT_ONLY");
    }

    @Test
    void aTokenThatIsNotBase64IsRefusedBeforeSending() {
        assertThatThrownBy(() -> GenerationRequest.builder().prompt("x").continuationToken("not a token!").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("continuationToken")
                .hasMessageContaining("' '");
        assertThatThrownBy(() -> GenerationRequest.builder().prompt("x").continuationToken("").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("continuationToken");
    }

    @Test
    void hopsStopWhenTheReplyFinishes() {
        ContinuationHops hops = new ContinuationHops(REQUEST, 16, 3);

        assertThat(hops.add(piece("a", null, "dDE=", Usage.NONE))).contains("dDE=");
        assertThat(hops.add(last("b", Usage.NONE))).isEmpty();
        assertThat(hops.result().continuations()).isEqualTo(1);
        assertThat(hops.result().outcome()).isEqualTo(Outcome.TEXT_ONLY);
    }

    @Test
    void hopsStopAtTheBoundOnContinuations() {
        ContinuationHops hops = new ContinuationHops(REQUEST, 2, 3);

        assertThat(hops.add(piece("a", null, "dDE=", Usage.NONE))).contains("dDE=");
        assertThat(hops.add(piece("b", null, "dDI=", Usage.NONE))).contains("dDI=");
        assertThat(hops.add(piece("c", null, "dDM=", Usage.NONE))).isEmpty();
        assertThat(hops.result().continuations()).isEqualTo(2);
        assertThat(hops.result().continuationToken()).contains("dDM=");
    }

    @Test
    void hopsStopAfterRepliesWithoutProgress() {
        ContinuationHops hops = new ContinuationHops(REQUEST, 16, 2);

        assertThat(hops.add(piece("a", null, "dDE=", Usage.NONE))).isPresent();
        assertThat(hops.add(piece("a", null, "dDE=", Usage.NONE))).as("the same token: no progress 1").isPresent();
        assertThat(hops.add(piece("b", null, "dDI=", Usage.NONE))).as("progress resets the count").isPresent();
        assertThat(hops.add(piece("b", null, "dDI=", Usage.NONE))).as("no progress 1").isPresent();
        assertThat(hops.add(piece("b", null, "dDI=", Usage.NONE))).as("no progress 2: stop").isEmpty();
        assertThat(hops.result().outcome()).isEqualTo(Outcome.INCOMPLETE);
    }

    @Test
    void aRequestThatTurnedItOffIsNeverContinued() {
        ContinuationHops hops = new ContinuationHops(REQUEST.toBuilder().automaticContinuation(false).build(), 16, 3);

        assertThat(hops.enabled()).isFalse();
        assertThat(hops.add(piece("a", null, "dDE=", Usage.NONE))).isEmpty();
        assertThat(hops.result().outcome()).isEqualTo(Outcome.INCOMPLETE);
    }
}
