package io.github.geminiimage.wire.internal.codec;

import static io.github.geminiimage.wire.internal.codec.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.wire.GenerateContentCodec;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The continuation fields both ways: the reply's finish reason and token, the request's top-level token. */
class ContinuationCodecTest {

    private static final String TOKEN = "Q2hrSUFSQUJHQUlnQVNvTUNBTVFBUmdCSUFFb0FUQUI=";

    private static GenerationResult read(String reply) throws IOException {
        return GenerateContentCodec.read(new ByteArrayInputStream(reply.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    }

    @Test
    void aReplyThatStopsWithContinuationCarriesItsToken() throws IOException {
        GenerationResult result = read("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Here is\"}]},"
                + "\"finishReason\":\"CONTINUATION\",\"continuationToken\":\"" + TOKEN + "\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":3,\"totalTokenCount\":13}}");

        assertThat(result.finishReason()).contains(FinishReason.CONTINUATION);
        assertThat(FinishReason.CONTINUATION.isKnown()).isTrue();
        assertThat(result.candidates().get(0).continuationToken()).contains(TOKEN);
        assertThat(result.continuationToken()).contains(TOKEN);
        assertThat(result.outcome()).isEqualTo(Outcome.INCOMPLETE);
    }

    @Test
    void theSnakeCaseTokenIsReadToo() throws IOException {
        GenerationResult result = read("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},"
                + "\"finish_reason\":\"CONTINUATION\",\"continuation_token\":\"" + TOKEN + "\"}]}");

        assertThat(result.continuationToken()).contains(TOKEN);
    }

    @Test
    void aTokenWithoutContinuationIsACheckpointNotAnIncompleteReply() throws IOException {
        GenerationResult result = read("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"done\"}]},"
                + "\"finishReason\":\"STOP\",\"continuationToken\":\"" + TOKEN + "\"}]}");

        assertThat(result.candidates().get(0).continuationToken()).contains(TOKEN);
        assertThat(result.continuationToken()).isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.TEXT_ONLY);
    }

    @Test
    void theRequestCarriesTheTokenAtTopLevel() throws IOException {
        GenerationRequest request = GenerationRequest.builder().prompt("a cat").continuationToken(TOKEN).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.write(request, out);

        JsonObject body = json(out.toByteArray()).asJsonObject();
        assertThat(body.getString("continuationToken")).isEqualTo(TOKEN);
        assertThat(body.getJsonObject("generationConfig").containsKey("continuationToken")).isFalse();
    }

    @Test
    void aRequestWithoutTokenHasNoTokenField() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.write(GenerationRequest.builder().prompt("a cat").build(), out);

        assertThat(json(out.toByteArray()).asJsonObject().containsKey("continuationToken")).isFalse();
    }

    @Test
    void aServerReadsTheTokenBackAndWritesItInItsReply() throws IOException {
        GenerationRequest sent = GenerationRequest.builder().prompt("a cat").continuationToken(TOKEN).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.write(sent, out);
        GenerationRequest read = GenerateContentCodec.readRequest(new ByteArrayInputStream(out.toByteArray()),
                "gemini-2.5-flash-image", 1 << 20);
        assertThat(read.continuationToken()).contains(TOKEN);

        GenerationResult partial = read("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},"
                + "\"finishReason\":\"CONTINUATION\",\"continuationToken\":\"" + TOKEN + "\"}]}");
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        GenerateContentCodec.encodeReply(partial).writeTo(reply);
        assertThat(read(reply.toString(StandardCharsets.UTF_8)).continuationToken()).contains(TOKEN);
    }
}
