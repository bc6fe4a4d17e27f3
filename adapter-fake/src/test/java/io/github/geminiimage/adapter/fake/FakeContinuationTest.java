package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.continuation.ContinuationHops;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake's scripted continuation: continued automatically like the HTTP transports, or resumed by hand. */
@Timeout(20)
class FakeContinuationTest {

    private final FakeImageGeneration fake = FakeImageGeneration.create();
    private final GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image").prompt("A red apple").build();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void aContinuedAnswerIsJoinedAndEveryRequestIsRecorded() {
        GenerationResult once = fake.generate(request);
        fake.reset();
        fake.enqueue(FakeResponse.continuation(2, FakeResponse.generatedImage()));

        GenerationResult result = fake.generate(request);

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.continuations()).isEqualTo(2);
        assertThat(result.text()).startsWith("(piece 1 of 3) (piece 2 of 3) ");
        assertThat(result.candidates().get(0).parts().get(0).thoughtSignature()).as("a piece's signature is kept").isPresent();
        assertThat(result.usage().promptTokens()).as("summed over 3 requests").isEqualTo(3 * once.usage().promptTokens());
        assertThat(fake.requests()).hasSize(3);
        assertThat(fake.requests().get(0).continuationToken()).isEmpty();
        assertThat(fake.requests().get(1).continuationToken()).isPresent();
        assertThat(fake.requests().get(2).continuationToken()).isNotEqualTo(fake.requests().get(1).continuationToken());
        assertThat(fake.requests().get(2).prompt()).contains("A red apple");
    }

    @Test
    void turnedOffTheFirstPieceIsIncompleteAndResumingGetsTheRestEvenWithOtherAnswersQueued() {
        fake.enqueue(FakeResponse.continuation(1, FakeResponse.generatedImage()), FakeResponse.noImage());
        GenerationRequest manual = request.toBuilder().automaticContinuation(false).build();

        GenerationResult partial = fake.generate(manual);
        assertThat(partial.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(partial.finishReason()).contains(FinishReason.CONTINUATION);
        assertThatThrownBy(partial::requireImage).isInstanceOfSatisfying(NoImageException.class,
                e -> assertThat(e.continuationToken()).isEqualTo(partial.continuationToken()));

        GenerationResult joined = partial.followedBy(fake.generate(manual.resuming(partial)));
        assertThat(joined.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(joined.continuations()).isEqualTo(1);
        assertThat(fake.queuedResponses()).as("the resumed request went back to its response").isEqualTo(1);
    }

    @Test
    void asyncAndStreamContinueToo() throws Exception {
        fake.when(r -> true, FakeResponse.continuation(1, FakeResponse.generatedImage()));

        assertThat(fake.generateAsync(request).get(10, TimeUnit.SECONDS).continuations()).isEqualTo(1);
        List<StreamEvent> events = new ArrayList<>();
        try (GenerationStream stream = fake.stream(request)) {
            stream.forEach(events::add);
            assertThat(stream.result().continuations()).isEqualTo(1);
            assertThat(stream.result().outcome()).isEqualTo(Outcome.IMAGE);
        }
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.Finished)
                .extracting(e -> ((StreamEvent.Finished) e).reason()).containsExactly(FinishReason.STOP);
        assertThat(fake.streamAsync(request, e -> { }).get(10, TimeUnit.SECONDS).continuations()).isEqualTo(1);
    }

    @Test
    void morePiecesThanTheBoundGiveAnIncompleteResult() {
        fake.enqueue(FakeResponse.continuation(1000, FakeResponse.generatedImage()));

        GenerationResult result = fake.generate(request);

        assertThat(result.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(result.continuations()).isEqualTo(ContinuationHops.DEFAULT_MAX_CONTINUATIONS);
        assertThat(fake.requests()).hasSize(ContinuationHops.DEFAULT_MAX_CONTINUATIONS + 1);
        assertThatThrownBy(result::requireImage).hasMessageContaining("CONTINUATION")
                .hasMessageContaining("after " + (ContinuationHops.DEFAULT_MAX_CONTINUATIONS + 1) + " requests");
    }

    @Test
    void aTokenTheFakeDidNotIssueIsTheServers400() {
        fake.enqueue(FakeResponse.continuation(1, FakeResponse.generatedImage()));

        assertThatThrownBy(() -> fake.generate(request.toBuilder().continuationToken("Zm9yZWlnbg==").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("continuationToken");
    }
}
