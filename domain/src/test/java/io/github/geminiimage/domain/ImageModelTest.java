package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageModelTest {

    @Test
    void idsBelongToTheirFamilyByPrefix() {
        assertThat(ImageModel.of("gemini-2.5-flash-image").family()).isEqualTo(ModelFamily.GEMINI_2_5_FLASH_IMAGE);
        assertThat(ImageModel.of("gemini-2.5-flash-image-preview").family()).isEqualTo(ModelFamily.GEMINI_2_5_FLASH_IMAGE);
        assertThat(ImageModel.of("gemini-3-pro-image-preview").family()).isEqualTo(ModelFamily.GEMINI_3_PRO_IMAGE);
        assertThat(ImageModel.of("gemini-3-pro-image").family()).isEqualTo(ModelFamily.GEMINI_3_PRO_IMAGE);
        assertThat(ImageModel.of("gemini-3.1-flash-image-preview").family()).isEqualTo(ModelFamily.GEMINI_3_1_FLASH_IMAGE);
        assertThat(ImageModel.of("models/gemini-3.1-flash-image").id()).isEqualTo("gemini-3.1-flash-image");
        assertThat(ImageModel.of("imagen-9").family()).isEqualTo(ModelFamily.UNKNOWN);
    }

    @Test
    void aRetiredIdIsAcceptedAndSaysWhatReplacesIt() {
        ImageModel preview = ImageModel.of("gemini-2.5-flash-image-preview");
        assertThat(preview.isRetired()).isTrue();
        assertThat(preview.replacedBy()).contains("gemini-2.5-flash-image");
        assertThat(ImageModel.GEMINI_2_5_FLASH_IMAGE.replacedBy()).isEmpty();
    }

    @Test
    void anIdThatCannotBeAPathSegmentIsRefused() {
        assertThatThrownBy(() -> ImageModel.of("gemini image")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("model");
        assertThatThrownBy(() -> ImageModel.of("../admin")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ImageModel.of(" ")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void flash25HasOneFixedSizePerRatio() {
        ModelFamily f = ModelFamily.GEMINI_2_5_FLASH_IMAGE;
        assertThat(f.outputPixels(AspectRatio.RATIO_1_1, Optional.empty())).contains(new PixelSize(1024, 1024));
        assertThat(f.outputPixels(AspectRatio.RATIO_2_3, Optional.empty())).contains(new PixelSize(832, 1248));
        assertThat(f.outputPixels(AspectRatio.RATIO_16_9, Optional.empty())).contains(new PixelSize(1344, 768));
        assertThat(f.outputPixels(AspectRatio.RATIO_21_9, Optional.empty())).contains(new PixelSize(1536, 672));
        assertThat(f.outputPixels(AspectRatio.RATIO_1_4, Optional.empty())).isEmpty();
        assertThat(f.takesImageSize()).isFalse();
        assertThat(f.outputType()).isEqualTo(MediaType.PNG);
        assertThat(f.tokensPerImage(Optional.empty())).isEqualTo(1290);
        for (AspectRatio ratio : f.aspectRatios()) {
            assertThat(f.outputPixels(ratio, Optional.empty())).as(ratio.value()).isPresent();
        }
    }

    @Test
    void gemini3ProScalesItsOneKTableByTwoAndFour() {
        ModelFamily f = ModelFamily.GEMINI_3_PRO_IMAGE;
        assertThat(f.outputPixels(AspectRatio.RATIO_16_9, Optional.empty())).contains(new PixelSize(1376, 768));
        assertThat(f.outputPixels(AspectRatio.RATIO_16_9, Optional.of(ImageSize.SIZE_2K))).contains(new PixelSize(2752, 1536));
        assertThat(f.outputPixels(AspectRatio.RATIO_16_9, Optional.of(ImageSize.SIZE_4K))).contains(new PixelSize(5504, 3072));
        assertThat(f.outputPixels(AspectRatio.RATIO_21_9, Optional.of(ImageSize.SIZE_4K))).contains(new PixelSize(6336, 2688));
        assertThat(f.outputPixels(AspectRatio.RATIO_2_3, Optional.of(ImageSize.SIZE_4K))).contains(new PixelSize(3392, 5056));
        assertThat(f.outputPixels(AspectRatio.RATIO_1_8, Optional.empty())).isEmpty();
        assertThat(f.tokensPerImage(Optional.of(ImageSize.SIZE_2K))).isEqualTo(1120);
        assertThat(f.tokensPerImage(Optional.of(ImageSize.SIZE_4K))).isEqualTo(2000);
        assertThat(f.imageSizes()).doesNotContain(ImageSize.SIZE_512);
        assertThat(f.maxInputImages()).isEqualTo(14);
        assertThat(f.inputTypes()).contains(MediaType.HEIC, MediaType.HEIF);
        assertThat(f.outputType()).isEqualTo(MediaType.JPEG);
    }

    @Test
    void gemini31FlashAddsFiveHundredTwelveAndTheExtremeRatios() {
        ModelFamily f = ModelFamily.GEMINI_3_1_FLASH_IMAGE;
        assertThat(f.outputPixels(AspectRatio.RATIO_1_1, Optional.of(ImageSize.SIZE_512))).contains(new PixelSize(512, 512));
        assertThat(f.outputPixels(AspectRatio.RATIO_1_4, Optional.empty())).contains(new PixelSize(512, 2048));
        assertThat(f.outputPixels(AspectRatio.RATIO_8_1, Optional.of(ImageSize.SIZE_2K))).contains(new PixelSize(6144, 768));
        assertThat(f.tokensPerImage(Optional.of(ImageSize.SIZE_512))).isEqualTo(747);
        for (AspectRatio ratio : AspectRatio.values()) {
            for (ImageSize size : ImageSize.values()) {
                assertThat(f.outputPixels(ratio, Optional.of(size))).as(ratio + " " + size).isPresent();
            }
        }
    }

    @Test
    void unknownModelsArePermissiveButHaveNoKnownPixelSize() {
        ModelFamily f = ModelFamily.UNKNOWN;
        assertThat(f.aspectRatios()).hasSize(14);
        assertThat(f.imageSizes()).hasSize(4);
        assertThat(f.maxImageBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(f.outputPixels(AspectRatio.RATIO_1_1, Optional.empty())).isEmpty();
    }
}
