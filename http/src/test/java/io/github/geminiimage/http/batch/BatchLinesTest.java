package io.github.geminiimage.http.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.wire.batch.BatchInputWriter;
import io.github.geminiimage.wire.batch.BatchResultReader;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The batch line formats with the real codec: input lines in the REST shape, result lines of vector 23. */
class BatchLinesTest {

    private static JsonObject vector(String name) throws IOException {
        try (InputStream in = BatchLinesTest.class.getResourceAsStream("/test-vectors/" + name);
                JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }

    private static List<BatchResult> read(String jsonl) throws IOException {
        try (BatchResultReader reader = new BatchResultReader(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)),
                BatchLineCodec.create())) {
            return reader.stream().toList();
        }
    }

    @Test
    void inputLinesNestGenerationConfigAndCarryTheKeyOnOneLineEach() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchInputWriter writer = new BatchInputWriter(out, BatchLineCodec.create());
        writer.write(KeyedRequest.of("sku \"1\"", GenerationRequest.builder().model("gemini-3-pro-image-preview")
                .prompt("a red apple\non two lines").aspectRatio(AspectRatio.parse("16:9")).imageSize(ImageSize.parse("2K")).build()));
        writer.write(KeyedRequest.of("sku-2", GenerationRequest.builder().prompt("a pear").build()));
        String text = out.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(writer.lines()).isEqualTo(2);
        assertThat(writer.bytes()).isEqualTo(out.size());

        JsonObject first = Json.createReader(new StringReader(lines[0])).readObject();
        assertThat(first.keySet()).containsExactly("key", "request");
        assertThat(first.getString("key")).isEqualTo("sku \"1\"");
        JsonObject request = first.getJsonObject("request");
        assertThat(request.keySet()).contains("contents", "generationConfig").doesNotContain("config", "imageConfig", "aspectRatio");
        JsonObject imageConfig = request.getJsonObject("generationConfig").getJsonObject("imageConfig");
        assertThat(imageConfig.getString("aspectRatio")).isEqualTo("16:9");
        assertThat(imageConfig.getString("imageSize")).isEqualTo("2K");
        assertThat(request.getJsonArray("contents").getJsonObject(0).getJsonArray("parts").getJsonObject(0).getString("text"))
                .isEqualTo("a red apple\non two lines");
    }

    @Test
    void theResultLinesOfVector23DecodeInOrderWithResponseBeforeKey() throws IOException {
        String jsonl = vector("23_batch_output-jsonl-lines.json").getJsonArray("lines").stream()
                .map(JsonValue::toString).collect(Collectors.joining("\n", "", "\n"));
        List<BatchResult> results = read(jsonl);
        assertThat(results).extracting(BatchResult::key).containsExactly("request_1", "request_2");
        assertThat(results.get(0).requireResult().text()).isEqualTo("AI learns patterns from data to make decisions or predictions.");
        assertThat(results.get(0).requireResult().usage().thoughtsTokens()).isEqualTo(829);
        assertThat(results.get(1).requireResult().responseId()).contains("7FFkaJK7EaWOjMcP-LvX2AQ");
    }

    @Test
    void anErrorLineIsATypedFailureOfItsKeyAndKeyMayComeFromMetadata() throws IOException {
        List<BatchResult> results = read("{\"key\": \"request-2\", \"error\": {\"code\": 13, \"message\": \"internal error\"}}\n"
                + "{\"metadata\":{\"key\":\"r3\"},\"error\":{\"code\":3,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{}]}}");
        assertThat(results.get(0).error()).containsInstanceOf(ServerErrorException.class);
        assertThat(results.get(0).error().get().serverStatus()).contains("INTERNAL");
        assertThat(results.get(0).error().get().httpStatus()).hasValue(500);
        assertThat(results.get(0).error().get().getMessage()).contains("request-2").contains("internal error");
        assertThat(results.get(1).key()).isEqualTo("r3");
        assertThat(results.get(1).error()).containsInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aLineWithoutKeyOrWithBrokenJsonFailsNamingTheLine() {
        assertThatThrownBy(() -> read("{\"key\":\"a\",\"error\":{\"code\":1}}\n{\"error\":{\"code\":13}}\n"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("line 2").hasMessageContaining("without a key");
        assertThatThrownBy(() -> read("{\"key\":\"a\",\"response\":{\"candidates\":[}\n"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> read("{\"key\":\"a\"}\n")).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("neither");
    }
}
