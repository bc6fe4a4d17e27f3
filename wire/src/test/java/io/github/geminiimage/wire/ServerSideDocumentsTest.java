package io.github.geminiimage.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.wire.batch.BatchCreateBody;
import io.github.geminiimage.wire.batch.BatchCreateReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The documents a server reads (upload start, batch create body, input lines) and the models it lists. */
class ServerSideDocumentsTest {

    private static final String MODEL = "gemini-2.5-flash-image";

    @Test
    void theStartBodyTheClientWritesIsReadBackAndSnakeCaseAndNumbersAreTakenToo() {
        FileUpload upload = FileUpload.fromStream(new ByteArrayInputStream(new byte[3]), 3).mimeType("image/png")
                .displayName("d").name("files/n1").build();

        assertThat(FileResources.readStart(FileResources.startBody(upload))).isEqualTo(new FileResources.UploadStart(
                Optional.of("files/n1"), Optional.of("d"), Optional.of("image/png"), OptionalLong.empty()));
        assertThat(FileResources.readStart(bytes("{\"file\":{\"display_name\":\"e\",\"mime_type\":\"text/plain\","
                + "\"size_bytes\":\"12\"}}"))).isEqualTo(new FileResources.UploadStart(Optional.empty(), Optional.of("e"),
                        Optional.of("text/plain"), OptionalLong.of(12)));
        assertThat(FileResources.readStart(bytes("{\"file\":{\"sizeBytes\":7}}")).sizeBytes()).hasValue(7);
        assertThat(FileResources.readStart(new byte[0])).isEqualTo(new FileResources.UploadStart(Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty()));
    }

    @Test
    void aStartBodyThatIsNotAnObjectOrHasABadSizeIsGoogles400NamingTheField() {
        assertThatThrownBy(() -> FileResources.readStart(bytes("{\"file\":{\"sizeBytes\":\"many\"}}")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'file.size_bytes'").hasMessageContaining("many");
        assertThatThrownBy(() -> FileResources.readStart(bytes("[1]")))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Invalid JSON payload received.");
    }

    @Test
    void aModelIsWrittenAsTheApiWritesItWholeDefaultsWithoutAFraction() {
        ModelResources.Model model = new ModelResources.Model("models/m", "3.0", "M", "an image model", 65536, 32768,
                List.of("generateContent"), 1, 0.95, 64, 2, true);

        assertThat(ModelResources.writeModel(model)).asString(StandardCharsets.UTF_8).isEqualTo("{\"name\":\"models/m\","
                + "\"version\":\"3.0\",\"displayName\":\"M\",\"description\":\"an image model\",\"inputTokenLimit\":65536,"
                + "\"outputTokenLimit\":32768,\"supportedGenerationMethods\":[\"generateContent\"],\"temperature\":1,"
                + "\"topP\":0.95,\"topK\":64,\"maxTemperature\":2,\"thinking\":true}");
        assertThat(ModelResources.writeList(List.of(model, model))).asString(StandardCharsets.UTF_8)
                .startsWith("{\"models\":[{\"name\":\"models/m\"");
    }

    @Test
    void anInlineBodyTheClientWritesIsReadBackRequestByRequestForTheRequestReader() throws IOException {
        String jsonl = "{\"key\":\"a\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a cat\"}]}]}}\n"
                + "{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"a dog\"}]}],\"generationConfig\":{\"temperature\":0.5}},"
                + "\"key\":\"b\"}\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BatchCreateBody.writeInline("two", new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), body);

        BatchCreateReader.Create create = BatchCreateReader.read(body.toByteArray());

        assertThat(create.displayName()).contains("two");
        assertThat(create.fileName()).isEmpty();
        assertThat(create.inputConfigJson()).isEmpty();
        assertThat(create.requests()).extracting(BatchCreateReader.KeyedJson::key)
                .containsExactly(Optional.of("a"), Optional.of("b"));
        GenerationRequest second = request(create.requests().get(1));
        assertThat(second.prompt()).contains("a dog");
        assertThat(second.temperature()).hasValue(0.5);
        assertThat(request(create.requests().get(0)).prompt()).contains("a cat");
    }

    @Test
    void aFileBodyNamesItsFileAndEchoesItAsTheOperationsInputConfig() {
        BatchCreateReader.Create create = BatchCreateReader.read(BatchCreateBody.fileInput("job", "files/in1"));

        assertThat(create.fileName()).contains("files/in1");
        assertThat(create.requests()).isEmpty();
        assertThat(create.inputConfigJson()).contains("{\"fileName\":\"files/in1\"}");
        assertThat(BatchCreateReader.read(bytes("{\"batch\":{\"input_config\":{\"file_name\":\"in2\"},\"priority\":3}}")))
                .satisfies(c -> {
                    assertThat(c.fileName()).contains("files/in2");
                    assertThat(c.priority()).contains("3");
                    assertThat(c.displayName()).isEmpty();
                });
    }

    @Test
    void aCreateBodyTheApiRefusesIsItsMessageNamingTheMemberAndValue() {
        assertRefused("{\"batch\":{\"bogus\":1,\"inputConfig\":{\"fileName\":\"f\"}}}",
                "Invalid JSON payload received. Unknown name \"bogus\" at 'batch': Cannot find field.");
        assertRefused("{\"other\":{}}", "Invalid JSON payload received. Unknown name \"other\": Cannot find field.");
        assertRefused("{}", "* BatchGenerateContentRequest.batch: batch is required");
        assertRefused("{\"batch\":{}}", "* GenerateContentBatch.input_config: input_config is required");
        assertRefused("{\"batch\":{\"inputConfig\":{}}}",
                "* GenerateContentBatch.input_config: exactly one of requests and file_name must be set");
        assertRefused("{\"batch\":{\"inputConfig\":{\"fileName\":5}}}", "Invalid value at 'batch.input_config.file_name', 5");
        assertRefused("{\"batch\":{\"inputConfig\":{\"requests\":{\"requests\":[{\"metadata\":{\"key\":\"k\"}}]}}}}",
                "* batch.input_config.requests.requests[0].request: request is required");
        assertRefused("[]", "Invalid JSON payload received. Expected an object.");
        assertThatThrownBy(() -> BatchCreateReader.read(bytes("{\"batch\":")))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Invalid JSON payload received. ");
    }

    @Test
    void anInputLineGivesItsKeyAndRequestAndALineWithoutARequestIsNamed() throws IOException {
        BatchCreateReader.KeyedJson line = BatchCreateReader.readLine(
                "{\"key\":\"k1\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}}", "line 1 of files/x");

        assertThat(line.key()).contains("k1");
        assertThat(request(line).prompt()).contains("hi");
        assertThatThrownBy(() -> BatchCreateReader.readLine("{\"key\":\"k2\"}", "line 3 of files/x"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("line 3 of files/x has no request");
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> BatchCreateReader.read(bytes(body))).isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    private static GenerationRequest request(BatchCreateReader.KeyedJson item) throws IOException {
        return GenerateContentCodec.readRequest(new ByteArrayInputStream(item.requestJson().getBytes(StandardCharsets.UTF_8)),
                MODEL, 1 << 20);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
