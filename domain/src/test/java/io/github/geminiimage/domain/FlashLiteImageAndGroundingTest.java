package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** gemini-3.1-flash-lite-image in the capability table, GA ids, and which models take search grounding. */
class FlashLiteImageAndGroundingTest {

    @ParameterizedTest
    @ValueSource(strings = {"gemini-3.1-flash-lite-image", "gemini-3.1-flash-lite-image-preview", "models/gemini-3.1-flash-lite-image"})
    void flashLiteImageIdsBelongToItsFamily(String id) {
        assertThat(ImageModel.of(id).family()).isEqualTo(ModelFamily.GEMINI_3_1_FLASH_LITE_IMAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-3-pro-image", "gemini-3-pro-image-preview"})
    void proImageWorksWithAndWithoutPreview(String id) {
        assertThat(ImageModel.of(id).family()).isEqualTo(ModelFamily.GEMINI_3_PRO_IMAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-3.1-flash-image", "gemini-3.1-flash-image-preview"})
    void flashImageWorksWithAndWithoutPreview(String id) {
        assertThat(ImageModel.of(id).family()).isEqualTo(ModelFamily.GEMINI_3_1_FLASH_IMAGE);
    }

    @Test
    void flashLiteImageTakesOnly1kFourteenImagesEveryRatioAndThinks() {
        ModelFamily lite = ModelFamily.GEMINI_3_1_FLASH_LITE_IMAGE;

        assertThat(lite.imageSizes()).containsExactly(ImageSize.SIZE_1K);
        assertThat(lite.maxInputImages()).isEqualTo(14);
        assertThat(lite.aspectRatios()).contains(AspectRatio.RATIO_1_1, AspectRatio.RATIO_21_9, AspectRatio.RATIO_8_1);
        assertThat(lite.takesThinkingConfig()).isTrue();
        assertThat(lite.outputPixels(AspectRatio.RATIO_16_9, java.util.Optional.empty()))
                .contains(new PixelSize(1376, 768));
        GenerationRequest.Builder request = GenerationRequest.builder().model("gemini-3.1-flash-lite-image").prompt("x");
        assertThat(request.imageSize(ImageSize.SIZE_1K).includeThoughts(true).build().imageSize()).contains(ImageSize.SIZE_1K);
        assertThatThrownBy(() -> request.imageSize(ImageSize.SIZE_2K).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("imageSize").hasMessageContaining("[1K]");
    }

    @Test
    void searchGroundingIsTakenWhereGoogleDocumentsIt() {
        assertThat(ModelFamily.GEMINI_3_1_FLASH_IMAGE.takesSearchGrounding(SearchGrounding.WEB_AND_IMAGE)).isTrue();
        assertThat(ModelFamily.GEMINI_3_PRO_IMAGE.takesSearchGrounding(SearchGrounding.WEB)).isTrue();
        assertThat(ModelFamily.GEMINI_3_PRO_IMAGE.takesSearchGrounding(SearchGrounding.IMAGE)).isFalse();
        assertThat(ModelFamily.GEMINI_2_5_FLASH_IMAGE.takesSearchGrounding(SearchGrounding.WEB)).isFalse();
        assertThat(ModelFamily.GEMINI_3_1_FLASH_LITE_IMAGE.takesSearchGrounding(SearchGrounding.WEB)).isFalse();
        assertThat(ModelFamily.UNKNOWN.takesSearchGrounding(SearchGrounding.IMAGE)).isTrue();
        assertThatThrownBy(() -> GenerationRequest.builder().model("gemini-3.1-flash-lite-image").prompt("x")
                .grounding(SearchGrounding.WEB).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("gemini-3.1-flash-lite-image does not take grounding with Google Search");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "IMAGE", "both"})
    void theCommandLineSpellingsParse(String text) {
        assertThat(SearchGrounding.parse(text)).isNotNull();
    }

    @Test
    void anUnknownGroundingSpellingNamesTheValidOnes() {
        assertThatThrownBy(() -> SearchGrounding.parse("maps")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("maps").hasMessageContaining("web, image, both");
    }

    @Test
    void anOutputPrefixMustBeACloudStorageUri() {
        assertThat(VertexOptions.NONE.withOutputUriPrefix("gs://my-bucket/renders/").outputUriPrefix())
                .contains("gs://my-bucket/renders/");
        assertThatThrownBy(() -> VertexOptions.NONE.withOutputUriPrefix("https://example.com/out"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("outputConfig.outputUriPrefix")
                .hasMessageContaining("gs://BUCKET/PREFIX");
        assertThat(VertexOptions.NONE.withOutputUriPrefix("gs://b-1/x").firstField())
                .contains("outputConfig.outputUriPrefix = gs://b-1/x");
    }
}
