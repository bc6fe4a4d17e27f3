package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An edit that names a stored file whose bytes are not an image gets the service's 400, not a 500 with a disk path. */
@Timeout(60)
class StoredFileThatIsNotAnImageTest {

    private static final String KEY = "stored-key";

    @Test
    void anEditOfAStoredFileThatIsNotAnImageIsGoogles400WithoutTheEmulatorsPath() {
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start()) {
            HttpResponse<String> start = Http.post(emulator.baseUri(), "/upload/v1beta/files", "{\"file\":{\"displayName\":\"x\"}}",
                    Map.of("x-goog-api-key", KEY, "X-Goog-Upload-Protocol", "resumable", "X-Goog-Upload-Command", "start",
                            "X-Goog-Upload-Header-Content-Length", "11", "X-Goog-Upload-Header-Content-Type", "image/png"));
            URI upload = URI.create(start.headers().firstValue("x-goog-upload-url").orElseThrow());
            HttpResponse<String> finished = Http.post(upload, upload.getRawPath() + "?" + upload.getRawQuery(), "hello world",
                    Map.of("X-Goog-Upload-Command", "upload, finalize", "X-Goog-Upload-Offset", "0"));
            String fileUri = Http.json(finished.body()).getJsonObject("file").getString("uri");

            HttpResponse<String> edit = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent",
                    "{\"contents\":[{\"parts\":[{\"text\":\"edit\"},{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":\""
                            + fileUri + "\"}}]}]}", Http.key(KEY));

            assertThat(edit.statusCode()).isEqualTo(400);
            JsonObject error = Http.json(edit.body()).getJsonObject("error");
            assertThat(error.getString("status")).isEqualTo("INVALID_ARGUMENT");
            assertThat(error.getString("message")).startsWith("Unable to process input image.")
                    .doesNotContain(System.getProperty("java.io.tmpdir"));
        }
    }
}
