package io.github.geminiimage.http.internal.stream;

import static io.github.geminiimage.http.internal.stream.StreamFixtures.decode;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.readAll;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.sseRaw;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.utf8;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.domain.stream.StreamEvent;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recorded streams (vectors 10, 16-19) aggregate to what generate returns for the same reply. */
class StreamVectorsTest {

    private static GenerationResult aggregate(byte[] sse) throws IOException {
        StreamAggregator aggregator = new StreamAggregator();
        readAll(new ByteArrayInputStream(sse), aggregator);
        return aggregator.result();
    }

    /**
     * The non-streamed reply equivalent to a stream: the last event with, per candidate, the text
     * of all events joined into one part (valid for streams whose text parts all join).
     */
    private static String joinedReply(JsonArray events, List<JsonObject> parts) {
        JsonObject last = events.getJsonObject(events.size() - 1);
        JsonObject candidate = last.getJsonArray("candidates").getJsonObject(0);
        JsonObject content = Json.createObjectBuilder(candidate.getJsonObject("content"))
                .add("parts", Json.createArrayBuilder(parts)).build();
        JsonObject joined = Json.createObjectBuilder(candidate).add("content", content).build();
        return Json.createObjectBuilder(last).add("candidates", Json.createArrayBuilder().add(joined)).build().toString();
    }

    @Test
    void vector16TextDeltasSplitMidNumberJoinIntoTheNonStreamedReply() throws IOException {
        JsonObject v = vector("16");
        StringBuilder text = new StringBuilder();
        for (JsonValue e : v.getJsonArray("events")) {
            text.append(e.asJsonObject().getJsonArray("candidates").getJsonObject(0).getJsonObject("content")
                    .getJsonArray("parts").getJsonObject(0).getString("text"));
        }
        String whole = joinedReply(v.getJsonArray("events"), List.of(Json.createObjectBuilder().add("text", text.toString()).build()));

        GenerationResult result = aggregate(sseRaw("16"));

        assertThat(result).isEqualTo(decode(whole));
        assertThat(result.text()).startsWith("1\n2\n3\n").contains("\n13\n14\n").endsWith("\n29\n30");
        assertThat(result.usage().candidatesTokens()).isEqualTo(80);
        assertThat(result.usage().totalTokens()).isEqualTo(133);
        assertThat(result.finishReason()).contains(FinishReason.STOP);
    }

    @Test
    void vector17ThoughtsStayApartFromTheAnswerAndTheSignatureIsKept() throws IOException {
        JsonObject v = vector("17");
        JsonArray events = v.getJsonArray("events");
        StringBuilder thoughts = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        String signature = null;
        for (JsonValue e : events) {
            JsonObject part = e.asJsonObject().getJsonArray("candidates").getJsonObject(0).getJsonObject("content")
                    .getJsonArray("parts").getJsonObject(0);
            if (part.getBoolean("thought", false)) {
                thoughts.append(part.getString("text"));
            } else {
                answer.append(part.getString("text"));
                if (part.containsKey("thoughtSignature")) {
                    signature = part.getString("thoughtSignature");
                }
            }
        }
        String whole = joinedReply(events, List.of(
                Json.createObjectBuilder().add("text", thoughts.toString()).add("thought", true).build(),
                Json.createObjectBuilder().add("text", answer.toString()).add("thoughtSignature", signature).build()));
        StreamAggregator aggregator = new StreamAggregator();
        List<StreamEvent> seen = new ArrayList<>();
        for (GenerationResult chunk : readAll(new ByteArrayInputStream(sseRaw("17")), new StreamAggregator())) {
            seen.addAll(aggregator.accept(chunk));
        }

        GenerationResult result = aggregator.result();

        assertThat(result).isEqualTo(decode(whole));
        assertThat(seen.stream().filter(StreamEvent.ThoughtText.class::isInstance)).hasSize(2);
        assertThat(seen.stream().filter(StreamEvent.AnswerText.class::isInstance)).hasSize(3);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(new StreamEvent.Finished(0, FinishReason.STOP, Optional.empty()));
        List<Part> parts = result.modelTurn().orElseThrow().parts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).thought()).isTrue();
        assertThat(parts.get(1).thoughtSignature()).hasValue(signature);
        assertThat(result.text()).startsWith("This is a great question!");
    }

    @Test
    void vector18SingleVertexEventIsTheNonStreamedReply() throws IOException {
        String only = vector("18").getJsonArray("events").getJsonObject(0).toString();

        GenerationResult result = aggregate(sseRaw("18"));

        assertThat(result).isEqualTo(decode(only));
        assertThat(result.text()).isEqualTo("OK");
        assertThat(result.candidates().get(0).parts().get(0).thoughtSignature()).isPresent();
    }

    @Test
    void vector10WholeImageThenEmptyTextAndStop() throws IOException {
        StreamAggregator aggregator = new StreamAggregator();
        List<StreamEvent> seen = new ArrayList<>();
        for (GenerationResult chunk : readAll(new ByteArrayInputStream(sseRaw("10")), new StreamAggregator())) {
            seen.addAll(aggregator.accept(chunk));
        }

        GenerationResult result = aggregator.result();

        // Hand-checked: the image once with its signature, the closing empty text kept, STOP, last usage.
        List<Part> parts = result.candidates().get(0).parts();
        assertThat(parts).hasSize(2);
        Part.Image image = (Part.Image) parts.get(0);
        assertThat(image.image().mimeType()).isEqualTo("image/jpeg");
        assertThat(image.image().bytes()).containsExactly(0);
        assertThat(image.thoughtSignature()).hasValue("live-image-thought-signature");
        assertThat(parts.get(1)).isEqualTo(new Part.Text("", false, Optional.empty()));
        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.finishReason()).contains(FinishReason.STOP);
        assertThat(result.usage().totalTokens()).isEqualTo(1394);
        assertThat(result.usage().thoughtsTokens()).isEqualTo(167);
        assertThat(result.responseId()).hasValue("live-response-id");
        assertThat(seen).hasSize(5).element(0).isInstanceOf(StreamEvent.AnswerImage.class);
        assertThat(seen).element(4).isInstanceOf(StreamEvent.Finished.class);
    }

    @Test
    void vector19ErrorAfterTheLastEventIsTheServerErrorOfA503() throws IOException {
        assertVector19Fails(sseRaw("19"));
        assertVector19Fails(utf8(new String(sseRaw("19"), java.nio.charset.StandardCharsets.UTF_8).replace("\n", "\r\n")));
    }

    private static void assertVector19Fails(byte[] sse) {
        StreamAggregator aggregator = new StreamAggregator();

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(sse), aggregator))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("after 2 event(s)")
                .hasMessageContaining("503 UNAVAILABLE: The model is overloaded")
                .satisfies(e -> assertThat(((ServerErrorException) e).httpStatus()).hasValue(503));
        assertThat(aggregator.chunks()).isEqualTo(2);
        assertThat(aggregator.partialResult().text()).isEqualTo("Okay");
    }

    @Test
    void anErrorEventIsTheSameExceptionAsTheErrorReply() {
        String sse = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}\r\n\r\n"
                + "data: {\"error\": {\"code\": 429, \"message\": \"Resource exhausted\", \"status\": \"RESOURCE_EXHAUSTED\","
                + " \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"34s\"}]}}\r\n\r\n";

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(utf8(sse)), new StreamAggregator()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryDelay()).hasValue(Duration.ofSeconds(34)))
                .hasMessageContaining("after 1 event(s)");
    }

    @Test
    void jsonAfterTheEventsThatIsNotAnErrorIsMalformed() {
        String sse = "data: {\"candidates\":[{\"finishReason\":\"STOP\"}]}\n\n{\"hello\": 1}\n";

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(utf8(sse)), new StreamAggregator()))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("neither an event nor an error");
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonIsMalformedNeverASuccess() throws IOException {
        byte[] cut = java.util.Arrays.copyOf(sseRaw("16"), new String(sseRaw("16"), java.nio.charset.StandardCharsets.UTF_8)
                .lastIndexOf("data: "));
        StreamAggregator aggregator = new StreamAggregator();
        readAll(new ByteArrayInputStream(cut), aggregator);

        assertThat(aggregator.isComplete()).isFalse();
        assertThatThrownBy(aggregator::result).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("after 2 event(s)").hasMessageContaining("no finish reason");
    }

    @Test
    void anEmptyStreamIsMalformed() throws IOException {
        StreamAggregator aggregator = new StreamAggregator();
        readAll(new ByteArrayInputStream(new byte[0]), aggregator);

        assertThatThrownBy(aggregator::result).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void aBlockedPromptEndsTheStreamWithoutCandidatesAsAResult() throws IOException {
        String sse = "data: {\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"},"
                + " \"usageMetadata\": {\"promptTokenCount\": 7, \"totalTokenCount\": 7}}\r\n\r\n";

        GenerationResult result = aggregate(utf8(sse));

        assertThat(result.outcome()).isEqualTo(Outcome.PROMPT_BLOCKED);
    }

    @Test
    void anEventThatIsNotJsonIsMalformed() {
        String sse = "data: <html>bad gateway</html>\n\n";

        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(utf8(sse)), new StreamAggregator()))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void blankEventsAreSkipped() throws IOException {
        String sse = "data:\n\ndata: \n\ndata: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"STOP\"}]}\n\n";

        assertThat(aggregate(utf8(sse)).text()).isEqualTo("a");
    }
}
