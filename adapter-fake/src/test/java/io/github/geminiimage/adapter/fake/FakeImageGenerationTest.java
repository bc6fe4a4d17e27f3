package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.Modality;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default answer is what a real model answers, and the fake accepts only what a real call accepts. */
class FakeImageGenerationTest {

    private final FakeImageGeneration fake = FakeImageGeneration.create();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void answersATextPartThenAPngWithStopAndTheTokenTableOf25FlashImage() {
        GenerationResult result = fake.generate(GenerationRequest.builder().prompt("A red apple").build());

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.finishReason()).contains(FinishReason.STOP);
        List<Part> parts = result.candidates().get(0).parts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).isInstanceOf(Part.Text.class);
        assertThat(((Part.Text) parts.get(0)).text()).contains("A red apple");
        assertThat(parts.get(1)).isInstanceOf(Part.Image.class);
        assertThat(parts).allSatisfy(p -> assertThat(p.thoughtSignature()).isEmpty());
        GeneratedImage image = result.requireImage();
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(image.pixelSize()).contains(new PixelSize(1024, 1024));
        Usage usage = result.usage();
        assertThat(usage.candidatesDetails()).containsExactly(new ModalityTokens(Modality.IMAGE, 1290));
        assertThat(usage.candidatesTokens()).isGreaterThan(1290);
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.candidatesTokens());
        assertThat(result.modelVersion()).contains("gemini-2.5-flash-image");
        assertThat(result.responseId()).isPresent();
    }

    @Test
    void gemini3ProAnswersASignedJpegBilled1120At2KAnd2000At4K() {
        GenerationRequest at2k = GenerationRequest.builder().model("gemini-3-pro-image").prompt("A fox")
                .aspectRatio(AspectRatio.RATIO_1_1).imageSize(ImageSize.SIZE_2K).build();
        GenerationRequest at4k = at2k.toBuilder().imageSize(ImageSize.SIZE_4K).build();

        GenerationResult result2k = fake.generate(at2k);
        GenerationResult result4k = fake.generate(at4k);

        assertThat(result2k.requireImage().mimeType()).isEqualTo("image/jpeg");
        assertThat(result2k.candidates().get(0).parts()).allSatisfy(p -> assertThat(p.thoughtSignature()).isPresent());
        assertThat(result2k.usage().candidatesDetails()).containsExactly(new ModalityTokens(Modality.IMAGE, 1120));
        assertThat(result4k.usage().candidatesDetails()).containsExactly(new ModalityTokens(Modality.IMAGE, 2000));
        assertThat(result4k.requireImage().pixelSize()).contains(new PixelSize(4096, 4096));
    }

    @Test
    void theSameRequestGivesTheSameBytesAndAnotherPromptOtherBytes() {
        GenerationRequest request = GenerationRequest.builder().prompt("A lighthouse").build();

        byte[] first = fake.generate(request).requireImage().bytes();
        byte[] again = fake.generate(GenerationRequest.builder().prompt("A lighthouse").build()).requireImage().bytes();
        byte[] other = fake.generate(GenerationRequest.builder().prompt("A windmill").build()).requireImage().bytes();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void imageOnlyModalitiesGiveNoTextPart() {
        GenerationResult result = fake.generate(GenerationRequest.builder().prompt("A boat")
                .responseModalities(ResponseModalities.IMAGE_ONLY).build());

        assertThat(result.candidates().get(0).parts()).singleElement().isInstanceOf(Part.Image.class);
        assertThat(result.text()).isEmpty();
    }

    @Test
    void withoutARatioTheFirstInputImagesNearestRatioIsUsed() {
        GenerationRequest request = GenerationRequest.builder().prompt("Make it night")
                .addImage(ImageInput.ofBytes(TestImages.png(160, 92)))
                .addImage(ImageInput.ofBytes(TestImages.png(50, 100)))
                .build();

        assertThat(fake.generate(request).requireImage().pixelSize()).contains(new PixelSize(1344, 768));
    }

    @Test
    void withoutARatioOrAnImageTheAnswerIsSquare() {
        GenerationRequest request = GenerationRequest.builder().model("gemini-3.1-flash-image").prompt("A kite").build();

        assertThat(fake.generate(request).requireImage().pixelSize()).contains(new PixelSize(1024, 1024));
    }

    @Test
    void aFollowUpTurnKeepsTheRatioOfTheImageInTheConversation() {
        Conversation chat = Conversation.empty();
        GenerationRequest first = chat.request(GenerationRequest.builder().model("gemini-3-pro-image")
                .prompt("A harbour").aspectRatio(AspectRatio.RATIO_21_9));
        chat = chat.then(first, fake.generate(first));
        GenerationRequest second = chat.request(GenerationRequest.builder().model("gemini-3-pro-image")
                .prompt("Now in watercolour"));

        GenerationResult result = fake.generate(second);

        assertThat(result.requireImage().pixelSize()).contains(new PixelSize(1584, 672));
        assertThat(result.usage().promptDetails()).contains(new ModalityTokens(Modality.IMAGE, 1120));
        fake.assertLastRequest().hasHistoryTurns(2).hasPrompt("Now in watercolour");
    }

    @Test
    void aGemini3ImagePartReplayedWithoutItsSignatureIsRefusedAsTheServerDoes() {
        GenerationResult answer = fake.generate(GenerationRequest.builder().model("gemini-3.1-flash-image")
                .prompt("A cat").responseModalities(ResponseModalities.IMAGE_ONLY).build());
        Part.Image signed = (Part.Image) answer.candidates().get(0).parts().get(0);
        Turn.Model stripped = new Turn.Model(List.of(new Part.Image(signed.image(), false, Optional.empty())));
        GenerationRequest next = GenerationRequest.builder().model("gemini-3.1-flash-image").prompt("Add a hat")
                .history(List.of(new Turn.User(Optional.of("A cat"), List.of()), stripped)).build();

        assertThatThrownBy(() -> fake.generate(next))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(400);
                    assertThat(e.serverStatus()).contains("INVALID_ARGUMENT");
                })
                .hasMessageContaining("missing a thought_signature in content position 2, part position 1");
    }

    @Test
    void aRetiredModelIsNotFoundAsOnTheServer() {
        GenerationRequest request = GenerationRequest.builder().model("gemini-2.5-flash-image-preview").prompt("A cat").build();

        assertThatThrownBy(() -> fake.generate(request))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.httpStatus()).hasValue(404))
                .hasMessageContaining("gemini-2.5-flash-image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-9-ultra", "gemini-9-ultra-image", "imagen-4.0-generate-001", "GEMINI-2.5-FLASH-IMAGE",
        "Gemini-3-Pro-Image", "gemini-2.5-flash", "gemini-3-pro-image-ultra"})
    void anUnknownModelIdIsNotFoundAsOnTheServer(String id) {
        GenerationRequest request = GenerationRequest.builder().model(id).prompt("A cat").build();

        assertThatThrownBy(() -> fake.generate(request))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.httpStatus()).hasValue(404))
                .hasMessageContaining("models/" + id + " is not found");
    }

    @Test
    void theNotFoundTextPromisesOnlyPreviewIdsTheFakeServes() {
        GenerationRequest unknown = GenerationRequest.builder().model("gemini-9-image").prompt("A cat").build();
        GenerationRequest flashPreview = GenerationRequest.builder().model("gemini-2.5-flash-image-preview-09-2025").prompt("A cat")
                .build();

        assertThatThrownBy(() -> fake.generate(unknown)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("the Gemini 3 ones also as -preview ids");
        assertThatThrownBy(() -> fake.generate(flashPreview)).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-2.5-flash-image", "gemini-3-pro-image-preview", "gemini-3.1-flash-image",
        "gemini-3.1-flash-image-preview", "models/gemini-3-pro-image", "gemini-3-pro-image-preview-11-2025"})
    void theImageModelsAndTheirPreviewAndDatedIdsAnswer(String id) {
        GenerationRequest request = GenerationRequest.builder().model(id).prompt("A cat").build();

        assertThat(fake.generate(request).outcome()).isEqualTo(Outcome.IMAGE);
    }

    @Test
    void aRequestReplayingAnEmptyModelTurnIsRefusedWithTheServers400BeforeTheFakeAnswers() {
        List<Turn> history = List.of(new Turn.User(Optional.of("A cat"), List.of()), new Turn.Model(List.of()));

        assertThatThrownBy(() -> fake.generate(GenerationRequest.builder().prompt("again").history(history).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("contents.parts must not be empty");
    }

    @Test
    void aNoImageAnswerLeavesNoEmptyTurnToReplay() {
        fake.enqueue(FakeResponse.noImage());
        Conversation chat = Conversation.empty();
        GenerationRequest first = chat.request(GenerationRequest.builder().prompt("A cat"));
        chat = chat.then(first, fake.generate(first));

        GenerationRequest next = chat.request(GenerationRequest.builder().prompt("A cat, please"));
        assertThat(next.history()).isEmpty();
        assertThat(fake.generate(next).outcome()).isEqualTo(Outcome.IMAGE);
    }

    @Test
    void anImageFileThatChangedSinceTheRequestWasBuiltIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cat.png");
        Files.write(file, TestImages.png(20, 20));
        GenerationRequest request = GenerationRequest.builder().prompt("Add a hat").addImage(ImageInput.ofFile(file)).build();
        Files.write(file, TestImages.png(40, 40));

        assertThatThrownBy(() -> fake.generate(request)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("changed size");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aNullRequestIsANullPointerException() {
        assertThatThrownBy(() -> fake.generate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> fake.generateAsync(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEditAnswersWithAnEditedImageText() {
        GenerationResult result = fake.generate(GenerationRequest.builder().prompt("Add a hat")
                .addImage(ImageInput.ofBytes(TestImages.jpeg(30, 40))).build());

        assertThat(result.text()).startsWith("Here is the edited image");
        assertThat(result.usage().promptDetails()).contains(new ModalityTokens(Modality.IMAGE, 1290));
        assertThat(result.requireImage().pixelSize()).contains(new PixelSize(864, 1184));
    }
}
