package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.JsonBody;
import static io.github.geminiimage.wire.internal.codec.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PersonGeneration;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.VertexOptions;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VertexRequestEncodingTest {

    private static JsonObject encoded(GenerationRequest request) throws IOException {
        JsonBody body = RequestEncoder.encode(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertThat((long) out.size()).as("bytes written vs contentLength").isEqualTo(body.contentLength());
        return json(out.toByteArray()).asJsonObject();
    }

    @Test
    void imageOutputOptionsAreExactlyTheRecordedVertexRequest() throws IOException {
        GenerationRequest request = GenerationRequest.builder().prompt("Generate an image of an axolotl.")
                .vertexOptions(VertexOptions.NONE.withOutputMimeType(MediaType.JPEG).withCompressionQuality(85)).build();

        assertThat(encoded(request)).isEqualTo(
                Fixtures.requestBody("06_vertex_gemini-2.5-flash-image_imageOutputOptions-jpeg.json", 0));
    }

    @Test
    void personGenerationJoinsTheImageConfigAndLabelsGoAtTheTopLevel() throws IOException {
        GenerationRequest request = GenerationRequest.builder().prompt("a lighthouse").aspectRatio(AspectRatio.RATIO_16_9)
                .vertexOptions(VertexOptions.NONE.withPersonGeneration(PersonGeneration.ALLOW_ADULT)
                        .withLabel("team", "design").withLabel("cost-center", "cc-42")).build();

        JsonObject body = encoded(request);

        assertThat(body.getJsonObject("generationConfig").getJsonObject("imageConfig")).isEqualTo(
                json("{\"aspectRatio\":\"16:9\",\"personGeneration\":\"ALLOW_ADULT\"}"));
        assertThat(body.getJsonObject("labels")).isEqualTo(json("{\"cost-center\":\"cc-42\",\"team\":\"design\"}"));
    }

    @Test
    void everyTurnCarriesItsRoleAsVertexRequires() throws IOException {
        GenerationRequest request = GenerationRequest.builder().prompt("now in blue")
                .history(List.of(new Turn.User(Optional.of("a red car"), List.of()),
                        new Turn.Model(List.of(new Part.Text("here it is", false, Optional.empty())))))
                .build();

        List<String> roles = encoded(request).getJsonArray("contents").stream()
                .map(turn -> turn.asJsonObject().getString("role")).toList();

        assertThat(roles).containsExactly("user", "model", "user");
    }

    @Test
    void aRequestWithoutVertexOptionsSendsNoneOfTheirFields() throws IOException {
        JsonObject body = encoded(GenerationRequest.builder().prompt("a cat").build());

        assertThat(body).doesNotContainKey("labels");
        assertThat(body.getJsonObject("generationConfig")).doesNotContainKey("imageConfig");
    }
}
