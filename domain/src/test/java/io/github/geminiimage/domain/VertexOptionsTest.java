package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertexOptionsTest {

    @Test
    void noneIsEmptyAndTheDefaultOfARequest() {
        assertThat(VertexOptions.NONE.isEmpty()).isTrue();
        assertThat(VertexOptions.NONE.firstField()).isEmpty();
        assertThat(GenerationRequest.builder().prompt("x").build().vertexOptions()).isEqualTo(VertexOptions.NONE);
    }

    @Test
    void theOutputFormatIsPngOrJpegAndTheQualityOnlyForJpeg() {
        assertThatThrownBy(() -> VertexOptions.NONE.withOutputMimeType(MediaType.WEBP))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("imageOutputOptions.mimeType: \"image/webp\" is not allowed; expected image/png or image/jpeg");
        assertThatThrownBy(() -> VertexOptions.NONE.withCompressionQuality(80))
                .hasMessageContaining("only with outputMimeType image/jpeg");
        assertThatThrownBy(() -> VertexOptions.NONE.withOutputMimeType(MediaType.JPEG).withCompressionQuality(101))
                .hasMessage("imageOutputOptions.compressionQuality: \"101\" is not allowed; expected 0 to 100");
        VertexOptions jpeg = VertexOptions.NONE.withOutputMimeType(MediaType.JPEG).withCompressionQuality(0);
        assertThat(jpeg.compressionQuality()).hasValue(0);
        assertThat(jpeg.firstField()).contains("imageConfig.imageOutputOptions.mimeType = image/jpeg");
    }

    @Test
    void labelsFollowGoogleCloudRulesAndAreKeptSorted() {
        VertexOptions labelled = VertexOptions.NONE.withLabel("team", "design").withLabel("app", "");
        assertThat(labelled.labels().keySet()).containsExactly("app", "team");
        assertThat(labelled.firstField()).contains("labels = {app=, team=design}");
        assertThatThrownBy(() -> VertexOptions.NONE.withLabel("Team", "x")).hasMessageContaining("labels: \"Team\"")
                .hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> VertexOptions.NONE.withLabel("team", "a b")).hasMessageContaining("labels.team");
        assertThatThrownBy(() -> VertexOptions.NONE.withLabel("k", "v".repeat(64))).hasMessageContaining("0 to 63");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> new VertexOptions(java.util.Optional.empty(), java.util.OptionalInt.empty(),
                java.util.Optional.empty(), many)).hasMessage("labels: \"65 labels\" is not allowed; expected at most 64");
    }

    @Test
    void aRequestKeepsItsVertexOptionsThroughToBuilder() {
        VertexOptions options = VertexOptions.NONE.withPersonGeneration(PersonGeneration.ALLOW_NONE);
        GenerationRequest request = GenerationRequest.builder().prompt("x").vertexOptions(options).build();
        assertThat(request.toBuilder().build().vertexOptions()).isEqualTo(options);
        assertThat(request.toString()).contains("ALLOW_NONE");
    }
}
