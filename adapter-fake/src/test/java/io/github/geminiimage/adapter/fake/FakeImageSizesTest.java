package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.PixelSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fake's images decode to the promised size and format for every ratio and size of every model family. */
class FakeImageSizesTest {

    private static final FakeImageGeneration FAKE = FakeImageGeneration.create();

    @AfterAll
    static void closeFake() {
        FAKE.close();
    }

    static Stream<Arguments> everyRatioAndSizeOfEveryFamily() {
        List<Arguments> cases = new ArrayList<>();
        ImageModel[] models = {ImageModel.GEMINI_2_5_FLASH_IMAGE, ImageModel.GEMINI_3_PRO_IMAGE,
                ImageModel.GEMINI_3_1_FLASH_IMAGE};
        for (ImageModel model : models) {
            ModelFamily family = model.family();
            for (AspectRatio ratio : AspectRatio.values()) {
                if (!family.aspectRatios().contains(ratio)) {
                    continue;
                }
                if (family.imageSizes().isEmpty()) {
                    cases.add(Arguments.of(model.id(), ratio, null));
                }
                for (ImageSize size : ImageSize.values()) {
                    if (family.imageSizes().contains(size)) {
                        cases.add(Arguments.of(model.id(), ratio, size));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyRatioAndSizeOfEveryFamily")
    void imageDecodesToTheModelsPixelSizeInTheModelsFormat(String modelId, AspectRatio ratio, ImageSize size) throws IOException {
        GenerationRequest.Builder builder = GenerationRequest.builder().model(modelId).prompt("A lighthouse at dusk")
                .aspectRatio(ratio);
        if (size != null) {
            builder.imageSize(size);
        }
        GenerationRequest request = builder.build();
        ModelFamily family = request.model().family();
        PixelSize expected = family.outputPixels(ratio, Optional.ofNullable(size)).orElseThrow();

        GeneratedImage image = FAKE.generate(request).requireImage();

        assertThat(image.mimeType()).isEqualTo(family.outputType().mimeType());
        assertThat(image.mediaType()).contains(family.outputType());
        assertThat(image.pixelSize()).contains(expected);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertThat(decoded).as("ImageIO decodes it").isNotNull();
        assertThat(new PixelSize(decoded.getWidth(), decoded.getHeight())).isEqualTo(expected);
    }

    @Test
    void everyFamilyIsCovered() {
        assertThat(everyRatioAndSizeOfEveryFamily().count()).isEqualTo(10 + 10 * 3 + 14 * 4);
    }

    @Test
    void gemini3WithoutASizeAnswersAt1K() {
        GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image-preview").prompt("A fox")
                .aspectRatio(AspectRatio.RATIO_16_9).build();

        assertThat(FAKE.generate(request).requireImage().pixelSize()).contains(new PixelSize(1376, 768));
    }

}
