package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.JsonBody;
import static io.github.geminiimage.wire.internal.codec.Fixtures.jpeg;
import static io.github.geminiimage.wire.internal.codec.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Turn;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Image references are written as {@code fileData} parts, in order, with an exact length. */
class FileDataEncodingTest {

    private static final String FILE_URI = "https://generativelanguage.googleapis.com/v1beta/files/3qswqtk02p7x";

    private static String body(GenerationRequest request) throws IOException {
        JsonBody body = RequestEncoder.encode(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertThat((long) out.size()).as("bytes written vs contentLength").isEqualTo(body.contentLength());
        assertThat(RequestEncoder.contentLength(request)).isEqualTo(body.contentLength());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStoredFileIsWrittenExactlyAsTheOfficialSdkRecordingHasIt() throws IOException {
        // The part of a recorded request made by the Python SDK (docs/wire-format.md, "Files"), compact.
        GenerationRequest request = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("Describe this")
                .addImage(ImageInput.ofStoredFile("files/3qswqtk02p7x", MediaType.JPEG)).build();

        assertThat(body(request)).contains("{\"text\":\"Describe this\"},{\"fileData\":{\"mimeType\":\"image/jpeg\","
                + "\"fileUri\":\"" + FILE_URI + "\"}}]");
    }

    @Test
    void referencesKeepTheirPlaceAmongInlineImages() throws IOException {
        GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image-preview").prompt("Combine them")
                .addImage(ImageInput.ofBytes(jpeg(8, 1)))
                .addImage(ImageInput.ofUri(URI.create("https://example.com/a.png?X-Amz-Signature=abc"), MediaType.PNG))
                .addImage(ImageInput.ofBytes(jpeg(8, 2)))
                .addImage(ImageInput.ofUri(URI.create("gs://bucket/b.webp"), MediaType.WEBP))
                .build();

        JsonArray parts = json(body(request)).asJsonObject().getJsonArray("contents").getJsonObject(0).getJsonArray("parts");

        assertThat(parts).hasSize(5);
        assertThat(parts.getJsonObject(0).containsKey("text")).isTrue();
        assertThat(parts.getJsonObject(1).containsKey("inlineData")).isTrue();
        JsonObject second = parts.getJsonObject(2).getJsonObject("fileData");
        assertThat(second.getString("mimeType")).isEqualTo("image/png");
        assertThat(second.getString("fileUri")).isEqualTo("https://example.com/a.png?X-Amz-Signature=abc");
        assertThat(parts.getJsonObject(3).containsKey("inlineData")).isTrue();
        assertThat(parts.getJsonObject(4).getJsonObject("fileData").getString("fileUri")).isEqualTo("gs://bucket/b.webp");
        assertThat(parts.getJsonObject(4).getJsonObject("fileData").keySet()).containsExactly("mimeType", "fileUri");
    }

    @Test
    void referencesInHistoryTurnsAreWrittenToo() throws IOException {
        Turn.User earlier = new Turn.User(Optional.of("Keep this product"),
                List.of(ImageInput.ofStoredFile("files/abc", MediaType.PNG)));
        GenerationRequest request = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("Now in blue")
                .history(List.of(earlier)).build();

        assertThat(body(request)).startsWith("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Keep this product\"},"
                + "{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":\"https://generativelanguage.googleapis.com/v1beta/files/abc\"}}]}");
    }
}
