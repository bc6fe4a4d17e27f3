package io.github.geminiimage.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.stream.StreamEvent;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stream of events written as Google's chunks: SSE with CRLF framing, or one JSON array without alt=sse. */
class ReplyStreamTest {

    private static final List<StreamEvent> EVENTS = List.of(
            new StreamEvent.AnswerText(0, new Part.Text("a red ", false, Optional.empty())),
            new StreamEvent.UsageUpdate(Usage.of(3, 5, 8)),
            new StreamEvent.AnswerText(0, new Part.Text("apple", false, Optional.of("c2ln"))),
            new StreamEvent.Finished(0, FinishReason.STOP, Optional.empty()),
            new StreamEvent.UsageUpdate(Usage.of(3, 1290, 1293)));
    private static final GenerationResult RESULT = new GenerationResult(List.of(new Candidate(0, List.of(), Optional.of(
            FinishReason.STOP), Optional.empty(), List.of(), Optional.empty(), Optional.of("dG9rZW4="))), Optional.empty(),
            Usage.NONE, Optional.empty(), Optional.empty());

    @Test
    void serverSentEventsCarryOnePartEachAndTheFinishLastWithTheFinalUsageAndTheResultsToken() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplyStream stream = ReplyStream.serverSentEvents(out, "gemini-3-pro-image", "r1", Optional.empty());
        for (StreamEvent event : EVENTS) {
            stream.accept(event);
        }
        stream.end(RESULT);

        String body = out.toString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("data: {").endsWith("}\r\n\r\n");
        String[] events = body.split("\r\n\r\n");
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).startsWith("data: ").doesNotContain("\n"));
        assertThat(part(json(events[1].substring(6)))).isEqualTo("apple");
        JsonObject last = json(events[2].substring(6));
        JsonObject finish = last.getJsonArray("candidates").getJsonObject(0);
        assertThat(finish.getString("finishReason")).isEqualTo("STOP");
        assertThat(finish.getString("continuationToken")).isEqualTo("dG9rZW4=");
        assertThat(finish.getJsonObject("content")).isEmpty();
        assertThat(last.getJsonObject("usageMetadata").getInt("candidatesTokenCount")).isEqualTo(1290);
        assertThat(last.getString("modelVersion")).isEqualTo("gemini-3-pro-image");
        assertThat(last.getString("responseId")).isEqualTo("r1");
    }

    @Test
    void withoutSseTheChunksFormOneJsonArrayAndAnErrorIsItsLastElement() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplyStream stream = ReplyStream.jsonArray(out, "gemini-3-pro-image", "r1", Optional.of(Instant.EPOCH));
        stream.accept(EVENTS.get(0));
        stream.accept(EVENTS.get(3));
        stream.endWithError(ErrorEnvelope.of(503, "UNAVAILABLE", "The model is overloaded."));

        String body = out.toString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("[{").contains("},\r\n{").endsWith("}]");
        JsonArray chunks = Json.createReader(new StringReader(body)).readArray();
        assertThat(chunks).hasSize(3);
        assertThat(chunks.getJsonObject(0).getString("createTime")).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(chunks.getJsonObject(0).getJsonArray("candidates").getJsonObject(0).containsKey("index")).isFalse();
        assertThat(chunks.getJsonObject(1).getJsonArray("candidates").getJsonObject(0).getString("finishReason"))
                .isEqualTo("STOP");
        assertThat(chunks.getJsonObject(2).getJsonObject("error").getInt("code")).isEqualTo(503);
    }

    @Test
    void anEmptyArrayStreamIsBracketsAndACutStreamStaysOpen() throws IOException {
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        ReplyStream.jsonArray(empty, "m", "r", Optional.empty()).end(RESULT);
        assertThat(empty.toString(StandardCharsets.UTF_8)).isEqualTo("[]");

        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        ReplyStream stream = ReplyStream.jsonArray(cut, "m", "r", Optional.empty());
        stream.accept(EVENTS.get(0));
        stream.accept(EVENTS.get(3));
        stream.cut();
        assertThat(cut.toString(StandardCharsets.UTF_8)).startsWith("[{").contains("\"finishReason\":\"STOP\"").endsWith("}");
    }

    private static String part(JsonObject chunk) {
        return chunk.getJsonArray("candidates").getJsonObject(0).getJsonObject("content").getJsonArray("parts")
                .getJsonObject(0).getString("text");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
