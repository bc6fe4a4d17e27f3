package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationRequestTest {

    private static final ImageInput PNG = ImageInput.ofBytes(TestImages.png(2, 2));

    private static GenerationRequest.Builder prompt() {
        return GenerationRequest.builder().prompt("A red apple");
    }

    @Test
    void hasSensibleDefaults() {
        GenerationRequest request = prompt().build();
        assertThat(request.model()).isEqualTo(ImageModel.GEMINI_2_5_FLASH_IMAGE);
        assertThat(request.responseModalities()).isEqualTo(ResponseModalities.TEXT_AND_IMAGE);
        assertThat(request.prompt()).contains("A red apple");
        assertThat(request.images()).isEmpty();
        assertThat(request.aspectRatio()).isEmpty();
        assertThat(request.imageSize()).isEmpty();
        assertThat(request.candidateCount()).isEmpty();
        assertThat(request.temperature()).isEmpty();
        assertThat(request.seed()).isEmpty();
        assertThat(request.history()).isEmpty();
    }

    @Test
    void toBuilderKeepsEveryValue() {
        GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image").prompt("p").addImage(PNG)
                .aspectRatio(AspectRatio.RATIO_16_9).imageSize(ImageSize.SIZE_2K)
                .responseModalities(ResponseModalities.IMAGE_ONLY).candidateCount(1).temperature(0.5).topP(0.9)
                .topK(40).seed(7).systemInstruction("be brief")
                .addSafetySetting(HarmCategory.HARM_CATEGORY_HARASSMENT, HarmBlockThreshold.BLOCK_ONLY_HIGH)
                .history(List.of(new Turn.User(Optional.of("earlier"), List.of()))).build();
        GenerationRequest copy = request.toBuilder().build();
        assertThat(copy.model()).isEqualTo(request.model());
        assertThat(copy.images()).isEqualTo(request.images());
        assertThat(copy.aspectRatio()).contains(AspectRatio.RATIO_16_9);
        assertThat(copy.imageSize()).contains(ImageSize.SIZE_2K);
        assertThat(copy.responseModalities()).isEqualTo(ResponseModalities.IMAGE_ONLY);
        assertThat(copy.candidateCount()).hasValue(1);
        assertThat(copy.temperature()).hasValue(0.5);
        assertThat(copy.topP()).hasValue(0.9);
        assertThat(copy.topK()).hasValue(40);
        assertThat(copy.seed()).hasValue(7);
        assertThat(copy.systemInstruction()).contains("be brief");
        assertThat(copy.safetySettings()).isEqualTo(request.safetySettings());
        assertThat(copy.history()).isEqualTo(request.history());
    }

    @Test
    void needsAPromptOrAnImage() {
        assertThatThrownBy(() -> GenerationRequest.builder().build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("prompt").hasMessageContaining("a non-blank prompt or at least one image");
        assertThat(GenerationRequest.builder().addImage(PNG).build().prompt()).isEmpty();
    }

    @Test
    void aBlankPromptIsRefused() {
        assertThatThrownBy(() -> GenerationRequest.builder().prompt("   ").addImage(PNG).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("prompt");
    }

    @Test
    void fourImagesAreOneMoreThanFlash25Takes() {
        GenerationRequest.Builder b = prompt().images(List.of(PNG, PNG, PNG, PNG));
        assertThatThrownBy(b::build)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("images")
                .hasMessageContaining("gemini-2.5-flash-image")
                .hasMessageContaining("at most 3 images; got 4")
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).contains("images"));
        assertThat(prompt().model("gemini-3-pro-image").images(List.of(PNG, PNG, PNG, PNG)).build().images()).hasSize(4);
    }

    @Test
    void fifteenImagesAreOneMoreThanGemini3Takes() {
        ImageInput[] fifteen = new ImageInput[15];
        Arrays.fill(fifteen, PNG);
        assertThatThrownBy(() -> prompt().model("gemini-3.1-flash-image").images(List.of(fifteen)).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 14 images; got 15");
    }

    @Test
    void anImageOverSevenMegabytesIsLeftToTheEndpointsInlineLimits() {
        // 7 MB per image is Vertex AI's limit, not the Gemini API's: the endpoint checks it when the call is made.
        byte[] big = Arrays.copyOf(TestImages.png(2, 2), 7 * 1024 * 1024 + 1);
        assertThat(prompt().addImage(ImageInput.ofBytes(big)).build().images()).hasSize(1);
    }

    @Test
    void heicIsRefusedByFlash25AndTakenByGemini3() {
        ImageInput heic = ImageInput.ofBytes(TestImages.isoBmff("heic"));
        assertThatThrownBy(() -> prompt().addImage(heic).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("image/heic")
                .hasMessageContaining("[image/png, image/jpeg, image/webp]");
        assertThat(prompt().model("gemini-3-pro-image").addImage(heic).build().images()).containsExactly(heic);
    }

    @Test
    void extremeRatiosAreOnlyForGemini31Flash() {
        assertThatThrownBy(() -> prompt().aspectRatio(AspectRatio.RATIO_1_8).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("aspectRatio").hasMessageContaining("\"1:8\"").hasMessageContaining("21:9");
        assertThat(prompt().model("gemini-3.1-flash-image-preview").aspectRatio(AspectRatio.RATIO_1_8).build()
                .aspectRatio()).contains(AspectRatio.RATIO_1_8);
    }

    @Test
    void flash25TakesNoImageSize() {
        assertThatThrownBy(() -> prompt().imageSize(ImageSize.SIZE_2K).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("imageSize").hasMessageContaining("\"2K\"")
                .hasMessageContaining("no imageSize for gemini-2.5-flash-image");
    }

    @Test
    void fiveHundredTwelveIsOnlyForGemini31Flash() {
        assertThatThrownBy(() -> prompt().model("gemini-3-pro-image").imageSize(ImageSize.SIZE_512).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("[1K, 2K, 4K]");
        assertThat(prompt().model("gemini-3.1-flash-image").imageSize(ImageSize.SIZE_512).build().imageSize())
                .contains(ImageSize.SIZE_512);
    }

    @Test
    void unknownModelsArePermissive() {
        GenerationRequest request = prompt().model("gemini-9-ultra-image").aspectRatio(AspectRatio.RATIO_8_1)
                .imageSize(ImageSize.SIZE_512).addImage(ImageInput.ofBytes(TestImages.isoBmff("mif1"))).build();
        assertThat(request.model().family()).isEqualTo(ModelFamily.UNKNOWN);
    }

    @Test
    void numericRangesAreChecked() {
        assertThatThrownBy(() -> prompt().candidateCount(0).build()).hasMessageContaining("candidateCount").hasMessageContaining("1 to 8");
        assertThatThrownBy(() -> prompt().candidateCount(9).build()).hasMessageContaining("\"9\"");
        assertThatThrownBy(() -> prompt().temperature(-0.1).build()).hasMessageContaining("temperature").hasMessageContaining("0.0 to 2.0");
        assertThatThrownBy(() -> prompt().temperature(2.5).build()).hasMessageContaining("2.5");
        assertThatThrownBy(() -> prompt().temperature(Double.NaN).build()).hasMessageContaining("NaN");
        assertThatThrownBy(() -> prompt().topP(1.01).build()).hasMessageContaining("topP").hasMessageContaining("0.0 to 1.0");
        assertThatThrownBy(() -> prompt().topK(0).build()).hasMessageContaining("topK").hasMessageContaining("at least 1");
        assertThat(prompt().candidateCount(8).temperature(2).topP(0).topK(1).seed(-5).build().seed()).hasValue(-5);
    }

    @Test
    void oneSafetySettingPerCategory() {
        assertThatThrownBy(() -> prompt()
                .addSafetySetting(HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmBlockThreshold.BLOCK_NONE)
                .addSafetySetting(HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmBlockThreshold.OFF).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("safetySettings").hasMessageContaining("HARM_CATEGORY_HATE_SPEECH")
                .hasMessageContaining("at most one setting per category");
    }

    @Test
    void loneSurrogatesCannotBeSent() {
        assertThatThrownBy(() -> GenerationRequest.builder().prompt("bad \uD800 text").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("prompt").hasMessageContaining("U+D800").hasMessageContaining("index 4");
        assertThatThrownBy(() -> prompt().systemInstruction("x\uDC00").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("systemInstruction");
        assertThat(GenerationRequest.builder().prompt("emoji \uD83C\uDF4E ok").build().prompt()).isPresent();
    }

    @Test
    void aLongValueIsShortenedInTheMessage() {
        String longRatio = "9".repeat(500);
        assertThatThrownBy(() -> AspectRatio.parse(longRatio))
                .hasMessageContaining("(500 chars)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void theBuilderDoesNotShareItsListsWithTheRequest() {
        GenerationRequest.Builder b = prompt().addImage(PNG);
        GenerationRequest first = b.build();
        b.addImage(PNG);
        assertThat(first.images()).hasSize(1);
        assertThatThrownBy(() -> first.images().add(PNG)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNeverHoldsThePromptText() {
        assertThat(GenerationRequest.builder().prompt("secret plans").build().toString())
                .doesNotContain("secret").contains("12 chars");
    }

    @Test
    void includeThoughtsIsRefusedForAModelThatDoesNotThink() {
        GenerationRequest.Builder builder = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("x")
                .includeThoughts(true);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).hasValue("includeThoughts"))
                .hasMessageContaining("\"true\"").hasMessageContaining("false for gemini-2.5-flash-image");
    }

    @Test
    void includeThoughtsIsTakenByGemini3AndUnknownModelsAndKeptByToBuilder() {
        for (String model : List.of("gemini-3-pro-image-preview", "gemini-3.1-flash-image", "gemini-9-image")) {
            GenerationRequest request = GenerationRequest.builder().model(model).prompt("x").includeThoughts(true).build();

            assertThat(request.includeThoughts()).as(model).isTrue();
            assertThat(request.toBuilder().build().includeThoughts()).as(model).isTrue();
        }
        assertThat(GenerationRequest.builder().prompt("x").build().includeThoughts()).isFalse();
    }
}
