package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ValueParsingTest {

    @Test
    void parsesEveryAspectRatioFromItsWireForm() {
        for (AspectRatio ratio : AspectRatio.values()) {
            assertThat(AspectRatio.parse(ratio.value())).isEqualTo(ratio);
        }
        assertThat(AspectRatio.parse(" 16:9 ")).isEqualTo(AspectRatio.RATIO_16_9);
        assertThat(AspectRatio.values()).hasSize(14);
    }

    @Test
    void anUnknownAspectRatioListsTheValidValues() {
        assertThatThrownBy(() -> AspectRatio.parse("16:10"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("aspectRatio")
                .hasMessageContaining("\"16:10\"")
                .hasMessageContaining("1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9, 1:4, 4:1, 1:8, 8:1");
        assertThatThrownBy(() -> AspectRatio.parse(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void tenRatiosAreStandardAndFourAreExtra() {
        assertThat(java.util.Arrays.stream(AspectRatio.values()).filter(AspectRatio::isStandard)).hasSize(10);
        assertThat(AspectRatio.RATIO_1_8.isStandard()).isFalse();
    }

    @Test
    void parsesImageSizesInAnyCaseAndSendsThemUppercase() {
        assertThat(ImageSize.parse("2k")).isEqualTo(ImageSize.SIZE_2K);
        assertThat(ImageSize.parse("4K").value()).isEqualTo("4K");
        assertThat(ImageSize.parse("512")).isEqualTo(ImageSize.SIZE_512);
        assertThat(ImageSize.parse(" 1k ").value()).isEqualTo("1K");
    }

    @Test
    void anUnknownImageSizeListsTheValidValues() {
        assertThatThrownBy(() -> ImageSize.parse("512px"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("imageSize")
                .hasMessageContaining("\"512px\"")
                .hasMessageContaining("512, 1K, 2K, 4K");
    }

    @Test
    void openValuesKeepUnknownStringsAndReuseKnownConstants() {
        assertThat(FinishReason.of("IMAGE_SAFETY")).isSameAs(FinishReason.IMAGE_SAFETY);
        FinishReason future = FinishReason.of("SOMETHING_NEW");
        assertThat(future.isKnown()).isFalse();
        assertThat(future.value()).isEqualTo("SOMETHING_NEW");
        assertThat(FinishReason.knownValues()).contains(FinishReason.NO_IMAGE, FinishReason.IMAGE_OTHER,
                FinishReason.IMAGE_PROHIBITED_CONTENT, FinishReason.IMAGE_RECITATION, FinishReason.MISSING_THOUGHT_SIGNATURE);
        assertThat(BlockReason.of("PROHIBITED_CONTENT")).isSameAs(BlockReason.PROHIBITED_CONTENT);
        assertThat(Modality.of("IMAGE").isKnown()).isTrue();
        assertThat(HarmCategory.of("HARM_CATEGORY_NEW").isKnown()).isFalse();
        assertThat(HarmProbability.of("NEGLIGIBLE")).isEqualTo(HarmProbability.NEGLIGIBLE);
    }

    @Test
    void contentRefusalsAreTheSafetyLikeFinishReasons() {
        assertThat(FinishReason.IMAGE_SAFETY.isContentRefusal()).isTrue();
        assertThat(FinishReason.PROHIBITED_CONTENT.isContentRefusal()).isTrue();
        assertThat(FinishReason.NO_IMAGE.isContentRefusal()).isFalse();
        assertThat(FinishReason.STOP.isContentRefusal()).isFalse();
        assertThat(FinishReason.of("NEW").isContentRefusal()).isFalse();
    }

    @Test
    void aPixelSizeMustBePositive() {
        assertThatThrownBy(() -> new PixelSize(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PixelSize(1344, 768)).hasToString("1344x768");
    }
}
