package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What only the fake does when it streams: its default stream, thoughts on Gemini 3, scripts. */
class FakeStreamingTest {

    private static List<StreamEvent> events(GenerationStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        stream.forEach(events::add);
        return events;
    }

    @Test
    void theDefaultStreamJoinsToWhatGenerateReturns() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image").prompt("a fox").build();
            try (GenerationStream stream = fake.stream(request)) {
                assertThat(stream.result()).isEqualTo(fake.generate(request));
            }
        }
    }

    @Test
    void includeThoughtsOnGemini3StreamsAThoughtAndADraftBeforeTheAnswer() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image").prompt("a fox")
                    .includeThoughts(true).build();
            try (GenerationStream stream = fake.stream(request)) {
                List<StreamEvent> events = events(stream);
                GenerationResult result = stream.result();

                assertThat(events.get(0)).isInstanceOf(StreamEvent.ThoughtText.class);
                assertThat(events).anyMatch(StreamEvent.ThoughtImage.class::isInstance);
                assertThat(result).isEqualTo(fake.generate(request));
                assertThat(result.modelTurn().orElseThrow().parts().get(0).thought()).isTrue();
                assertThat(result.usage().thoughtsTokens()).isPositive();
            }
        }
    }

    @Test
    void withoutIncludeThoughtsNoThoughtEventsCome() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image").prompt("a fox").build();
            try (GenerationStream stream = fake.stream(request)) {
                assertThat(events(stream)).noneMatch(e -> e instanceof StreamEvent.PartEvent p && p.part().thought());
            }
        }
    }

    @Test
    void aBlockedPromptStreamsItsFeedbackAndEndsAsAResult() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            fake.enqueue(FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT));
            try (GenerationStream stream = fake.stream(GenerationRequest.builder().prompt("x").build())) {
                assertThat(events(stream)).first().isInstanceOf(StreamEvent.PromptFeedbackReceived.class);
                assertThat(stream.result().outcome()).isEqualTo(Outcome.PROMPT_BLOCKED);
            }
        }
    }

    @Test
    void aScriptedStreamIsJoinedByGenerate() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            FakeResponse scripted = FakeResponse.streamed(FakeStream.builder().thought("hm").text("Hel").text("lo").finish().build());
            fake.enqueue(scripted);

            GenerationResult result = fake.generate(GenerationRequest.builder().prompt("x").build());

            assertThat(result.text()).isEqualTo("Hello");
            assertThat(result.candidates().get(0).parts()).first().isEqualTo(new Part.Text("hm", true, java.util.Optional.empty()));
        }
    }
}
