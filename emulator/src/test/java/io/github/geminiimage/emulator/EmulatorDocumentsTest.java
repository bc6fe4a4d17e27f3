package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control API's documents and the small API documents: field names, spellings taken, refusals naming the member. */
@Timeout(60)
class EmulatorDocumentsTest {

    private static final String KEY = "docs-key";
    private static GeminiEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = GeminiEmulator.builder().apiKey(KEY).batchTiming(Duration.ofMillis(20), Duration.ofMillis(20)).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void aControlBodyTakesSnakeCaseAndNumbersAsStringsAndRefusesAnUnknownMemberByName() {
        assertThat(control("/emulator/v1/upload-faults", "{\"fail_next_chunks\":\"2\"}").body()).isEqualTo("{}");
        assertThat(control("/emulator/v1/file-processing", "{\"reads\":1}").statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = control("/emulator/v1/file-processing", "{\"reads\":1,\"bogus\":2}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(message(unknown)).isEqualTo("Invalid JSON payload received. Unknown name \"bogus\": Cannot find field.");
    }

    @Test
    void aControlValueOfTheWrongTypeIsRefusedNamingTheMemberAndTheValue() {
        assertThat(message(control("/emulator/v1/file-processing", "{\"reads\":1.5}")))
                .isEqualTo("Invalid value at 'reads' (TYPE_INT32), 1.5");
        assertThat(message(control("/emulator/v1/file-processing", "{\"failure\":5}")))
                .isEqualTo("Invalid value at 'failure', 5");
        assertThat(message(control("/emulator/v1/batch-failures", "{\"failures\":[{\"key\":5,\"outcome\":\"image\"}]}")))
                .isEqualTo("Invalid value at 'failures.key', 5");
        assertThat(message(control("/emulator/v1/outcomes", "{\"outcomes\":[{\"outcome\":\"image\",\"later\":\"1s\"}]}")))
                .isEqualTo("Invalid JSON payload received. Unknown name \"later\" at 'outcomes': Cannot find field.");
        assertThat(message(control("/emulator/v1/outcomes", "{\"outcomes\":[true]}")))
                .isEqualTo("outcomes: true is neither a name nor an object");
        assertThat(message(control("/emulator/v1/rules", "{\"rules\":[{\"outcome\":\"image\",\"firstAttemptOnly\":\"yes\"}]}")))
                .isEqualTo("Invalid value at 'rules.first_attempt_only', \"yes\"");
        assertThat(message(control("/emulator/v1/rules", "{\"rules\":[{\"outcome\":\"image\",\"imageBytes\":\"many\"}]}")))
                .isEqualTo("Invalid value at 'rules.image_bytes', \"many\"");
    }

    @Test
    void theOutcomesBodyIgnoresMembersBesideOutcomesAndAnswersWhatItQueued() {
        HttpResponse<String> queued = control("/emulator/v1/outcomes",
                "{\"note\":\"for the next two calls\",\"outcomes\":[\"image\",{\"outcome\":\"rate-limited\",\"retry_after\":\"1s\"}]}");

        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(queued.body()).isEqualTo("{\"queued\":2,\"pending\":2}");
    }

    @Test
    void theRequestLogKeepsItsFieldNamesAndLeavesOutWhatARequestDidNotHave() {
        Http.get(emulator.baseUri(), "/v1beta/models", Http.key(KEY));

        JsonObject entry = Http.json(Http.get(emulator.baseUri(), "/emulator/v1/requests", Map.of()).body())
                .getJsonArray("requests").getJsonObject(0);

        assertThat(entry.keySet()).containsExactly("time", "method", "path", "imageCount", "imageSizes", "status");
        assertThat(entry.getString("path")).isEqualTo("/v1beta/models");
        assertThat(entry.getInt("status")).isEqualTo(200);
    }

    @Test
    void anUploadStartedWithSnakeCaseKeepsItsDisplayNameAndAFileIsWrittenAsGoogleWritesIt() {
        byte[] content = Tiny.PNG;
        HttpResponse<String> start = Http.post(emulator.baseUri(), "/upload/v1beta/files",
                "{\"file\":{\"display_name\":\"tiny\",\"mime_type\":\"image/png\",\"size_bytes\":\"" + content.length + "\"}}",
                Map.of("x-goog-api-key", KEY, "X-Goog-Upload-Protocol", "resumable", "X-Goog-Upload-Command", "start"));
        assertThat(start.statusCode()).isEqualTo(200);
        HttpResponse<String> last = Http.send(HttpRequest.newBuilder(java.net.URI.create(
                start.headers().firstValue("x-goog-upload-url").orElseThrow()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).header("X-Goog-Upload-Command", "upload, finalize")
                .header("X-Goog-Upload-Offset", "0").build());

        JsonObject file = Http.json(last.body()).getJsonObject("file");

        assertThat(file.keySet()).containsExactly("name", "displayName", "mimeType", "sizeBytes", "createTime", "updateTime",
                "expirationTime", "sha256Hash", "uri", "state", "source");
        assertThat(file.getString("displayName")).isEqualTo("tiny");
        assertThat(file.getString("sizeBytes")).isEqualTo(Integer.toString(content.length));
        assertThat(file.getString("uri")).isEqualTo(emulator.baseUri() + "/v1beta/" + file.getString("name"));
    }

    @Test
    void aBatchOperationNamesItsModelOnceAndLeavesOutADisplayNameNobodyGave() {
        HttpResponse<String> created = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent",
                "{\"batch\":{\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}}]}}}}",
                Http.key(KEY));

        assertThat(created.statusCode()).isEqualTo(200);
        JsonObject metadata = Http.json(created.body()).getJsonObject("metadata");
        assertThat(metadata.getString("model")).isEqualTo("models/gemini-2.5-flash-image");
        assertThat(metadata.containsKey("displayName")).isFalse();
        assertThat(metadata.containsKey("inputConfig")).isFalse();
    }

    @Test
    void aBatchBodyTheApiRefusesIsGoogles400NamingTheMember() {
        HttpResponse<String> refused = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent",
                "{\"batch\":{\"input_config\":{\"file_name\":\"files/in\"},\"colour\":\"red\"}}", Http.key(KEY));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(message(refused)).isEqualTo("Invalid JSON payload received. Unknown name \"colour\" at 'batch': Cannot find field.");
    }

    private static HttpResponse<String> control(String path, String body) {
        return Http.post(emulator.baseUri(), path, body, Map.of());
    }

    private static String message(HttpResponse<String> reply) {
        return Http.json(reply.body()).getJsonObject("error").getString("message");
    }
}
