package io.github.geminiimage.wire.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.JsonBody;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server half of the codec: requests read as a server reads them, results written as Google writes them. */
class ServerSideCodecTest {

    private static final long CAP = 64L << 20;

    @ParameterizedTest
    @ValueSource(strings = {"01_gemini-3-pro-image-preview_text-and-image_thought-signatures.json",
        "02_gemini-2.5-flash-image_text-and-png.json", "07_gemini-3-pro-image_ga_system-instruction_image-only.json",
        "08_gemini-3.1-flash-image-preview_NO_IMAGE.json",
        "09_gemini-3.1-flash-image-preview_promptFeedback-PROHIBITED_CONTENT.json",
        "13_gemini-3.1-flash-image_ga_image-only.json", "14_text-model_SAFETY-block_empty-content.json"})
    void aRecordedReplyWrittenByTheServerSideDecodesToTheSameResult(String vector) throws IOException {
        GenerationResult recorded = decode(Fixtures.utf8(Fixtures.replyBody(vector, 0)));

        GenerationResult again = decode(bytes(GenerateContentCodec.encodeReply(recorded)));

        assertThat(again).isEqualTo(recorded);
    }

    @Test
    void aVertexReplyHasNoCandidateIndexButACreateTimeAndTrafficType() throws IOException {
        GenerationResult recorded = decode(Fixtures.utf8(Fixtures.replyBody("02_gemini-2.5-flash-image_text-and-png.json", 0)));

        JsonObject json = Fixtures.json(bytes(GenerateContentCodec.encodeVertexReply(recorded,
                Instant.parse("2026-01-02T03:04:05Z")))).asJsonObject();

        assertThat(json.getJsonArray("candidates").getJsonObject(0).containsKey("index")).isFalse();
        assertThat(json.getString("createTime")).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.getJsonObject("usageMetadata").getString("trafficType")).isEqualTo("ON_DEMAND");
        assertThat(decode(bytes(GenerateContentCodec.encodeVertexReply(recorded, Instant.EPOCH))).images())
                .isEqualTo(recorded.images());
    }

    @Test
    void anEventIsOneDataLineAndABlankLineWithCrlf() throws IOException {
        GenerationResult recorded = decode(Fixtures.utf8(Fixtures.replyBody("02_gemini-2.5-flash-image_text-and-png.json", 0)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GenerateContentCodec.writeEvent(recorded, Optional.empty(), out);

        String event = out.toString(StandardCharsets.UTF_8);
        assertThat(event).startsWith("data: {\"candidates\":").endsWith("}\r\n\r\n");
        assertThat(event.indexOf('\n')).isEqualTo(event.length() - 3);
        assertThat(decode(event.substring(6, event.length() - 4).getBytes(StandardCharsets.UTF_8))).isEqualTo(recorded);
    }

    @Test
    void aRequestAsAnSdkSendsItIsReadInAnyFieldOrder() throws IOException {
        String body = "{\"generationConfig\":{\"imageConfig\":{\"aspectRatio\":\"16:9\"},\"responseModalities\":[\"IMAGE\"]},"
                + "\"contents\":[{\"parts\":[{\"text\":\"a cat\"},{\"fileData\":{\"fileUri\":"
                + "\"http://127.0.0.1:8089/v1beta/files/abc123\",\"mimeType\":\"image/png\"}}],\"role\":\"user\"}]}";

        GenerationRequest request = read(body);

        assertThat(request.prompt()).contains("a cat");
        assertThat(request.aspectRatio().orElseThrow().value()).isEqualTo("16:9");
        assertThat(request.images()).hasSize(1);
        assertThat(request.images().get(0).mediaType()).isEqualTo(MediaType.PNG);
        assertThat(request.images().get(0).uri()).contains(
                URI.create("https://generativelanguage.googleapis.com/v1beta/files/abc123"));
    }

    @Test
    void anUnknownFieldIsRefusedWithGooglesMessage() {
        assertThatThrownBy(() -> read("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generation_config\":{\"foo\":1}}"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Unknown name \"foo\" at 'generation_config': Cannot find field.");
        assertThatThrownBy(() -> read("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"bogus\":true}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Unknown name \"bogus\"");
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoContentsIsTheCallersError() {
        assertThatThrownBy(() -> read("{\"contents\":[")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Invalid JSON payload received.");
        assertThatThrownBy(() -> read("{}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("contents is not specified");
        assertThatThrownBy(() -> read("{\"contents\":[{\"role\":\"tool\",\"parts\":[{\"text\":\"x\"}]}]}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("valid role");
    }

    private static GenerationRequest read(String body) throws IOException {
        return GenerateContentCodec.readRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                "gemini-3-pro-image-preview", CAP);
    }

    private static GenerationResult decode(byte[] reply) throws IOException {
        return GenerateContentCodec.read(new ByteArrayInputStream(reply), OptionalLong.of(reply.length), CAP);
    }

    private static byte[] bytes(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertThat((long) out.size()).isEqualTo(body.contentLength());
        return out.toByteArray();
    }
}
