package io.github.geminiimage.wire.internal.codec;

import static io.github.geminiimage.wire.internal.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.HarmProbability;
import io.github.geminiimage.domain.Modality;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.SafetyRating;
import io.github.geminiimage.domain.Usage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded reply decodes with its expected outcome, in every spelling and layout. */
class ReplyDecoderVectorsTest {

    private static final String V01 = "01_gemini-3-pro-image-preview_text-and-image_thought-signatures.json";
    private static final String V02 = "02_gemini-2.5-flash-image_text-and-png.json";
    private static final String V03 = "03_gemini-2.5-flash-image_text-only-then-image.json";
    private static final String V04 = "04_gemini-3-pro-image-preview_google-search-grounding.json";
    private static final String V05 = "05_vertex_gemini-2.5-flash-image_text-and-png.json";
    private static final String V06 = "06_vertex_gemini-2.5-flash-image_imageOutputOptions-jpeg.json";
    private static final String V07 = "07_gemini-3-pro-image_ga_system-instruction_image-only.json";
    private static final String V08 = "08_gemini-3.1-flash-image-preview_NO_IMAGE.json";
    private static final String V09 = "09_gemini-3.1-flash-image-preview_promptFeedback-PROHIBITED_CONTENT.json";
    private static final String V10 = "10_gemini-3-pro-image-preview_streamGenerateContent-sse.json";
    private static final String V13 = "13_gemini-3.1-flash-image_ga_image-only.json";
    private static final String V14 = "14_text-model_SAFETY-block_empty-content.json";

    static GenerationResult decode(String json) throws IOException {
        byte[] bytes = utf8(json);
        return ReplyDecoder.decode(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), 64L << 20);
    }

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of(V01, 0, Outcome.IMAGE),
                Arguments.of(V02, 0, Outcome.IMAGE),
                Arguments.of(V03, 0, Outcome.TEXT_ONLY),
                Arguments.of(V03, 1, Outcome.IMAGE),
                Arguments.of(V04, 0, Outcome.IMAGE),
                Arguments.of(V05, 0, Outcome.IMAGE),
                Arguments.of(V06, 0, Outcome.IMAGE),
                Arguments.of(V07, 0, Outcome.IMAGE),
                Arguments.of(V08, 0, Outcome.NO_IMAGE),
                Arguments.of(V09, 0, Outcome.PROMPT_BLOCKED),
                Arguments.of(V13, 0, Outcome.IMAGE),
                Arguments.of(V14, 0, Outcome.CANDIDATE_BLOCKED));
    }

    @ParameterizedTest(name = "{0} #{1} is {2}")
    @MethodSource("replies")
    void eachRecordedReplyHasItsOutcome(String vector, int exchange, Outcome outcome) throws IOException {
        String body = Fixtures.replyBody(vector, exchange);

        GenerationResult result = decode(body);

        assertThat(result.outcome()).isEqualTo(outcome);
        List<String> expectedImages = new ArrayList<>();
        collectImageData(Fixtures.json(body), expectedImages);
        assertThat(result.images()).hasSameSizeAs(expectedImages);
        for (int i = 0; i < expectedImages.size(); i++) {
            GeneratedImage image = result.images().get(i);
            assertThat(image.bytes()).isEqualTo(Base64.getDecoder().decode(expectedImages.get(i)));
            assertThat(image.pixelSize()).contains(new PixelSize(1, 1));
        }
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("replies")
    void prettyPrintedAndSnakeCaseRepliesDecodeTheSame(String vector, int exchange, Outcome outcome) throws IOException {
        JsonValue body = Fixtures.json(Fixtures.replyBody(vector, exchange));
        GenerationResult compact = decode(body.toString());

        assertThat(decode(Fixtures.pretty(body))).isEqualTo(compact);
        assertThat(decode(Fixtures.snakeCase(body).toString())).isEqualTo(compact);
        assertThat(decode(Fixtures.pretty(Fixtures.snakeCase(body)))).isEqualTo(compact);
    }

    private static void collectImageData(JsonValue value, List<String> data) {
        if (value instanceof JsonObject object) {
            if (object.containsKey("inlineData")) {
                data.add(object.getJsonObject("inlineData").getString("data"));
            }
            object.values().forEach(v -> collectImageData(v, data));
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(v -> collectImageData(v, data));
        }
    }

    @Test
    void textAndImageBothKeepTheirSignatures() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V01, 0));

        Candidate candidate = result.candidates().get(0);
        assertThat(candidate.parts()).hasSize(2);
        assertThat(candidate.parts().get(0)).isInstanceOfSatisfying(Part.Text.class, t -> {
            assertThat(t.text()).startsWith("A little axolotl named Archie").endsWith("plants.\n\n");
            assertThat(t.thought()).isFalse();
            assertThat(t.thoughtSignature()).contains("c2hvcnRlbmVkLXRob3VnaHQtc2lnbmF0dXJlLTE=");
        });
        assertThat(candidate.parts().get(1)).isInstanceOfSatisfying(Part.Image.class, i -> {
            assertThat(i.image().mimeType()).isEqualTo("image/jpeg");
            assertThat(i.thoughtSignature()).contains("c2hvcnRlbmVkLXRob3VnaHQtc2lnbmF0dXJlLTI=");
        });
        assertThat(candidate.index()).isZero();
        assertThat(candidate.finishReason()).contains(FinishReason.STOP);
        assertThat(result.modelVersion()).contains("gemini-3-pro-image-preview");
        assertThat(result.responseId()).contains("QV8oae6ZGKGnmtkPoanu6A0");
        assertThat(result.usage()).isEqualTo(new Usage(14, 1283, 1471, 174, 0, 0,
                List.of(new ModalityTokens(Modality.TEXT, 14)), List.of(new ModalityTokens(Modality.IMAGE, 1120)),
                List.of(), List.of()));
        assertThat(result.modelTurn()).hasValueSatisfying(turn -> assertThat(turn.parts()).isEqualTo(candidate.parts()));
    }

    @Test
    void aPngReplyHasItsPixelSizeAndNoSignature() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V02, 0));

        assertThat(result.requireImage().mimeType()).isEqualTo("image/png");
        assertThat(result.requireImage().pixelSize()).contains(new PixelSize(1, 1));
        assertThat(result.candidates().get(0).parts()).allSatisfy(p -> assertThat(p.thoughtSignature()).isEmpty());
        assertThat(result.text()).startsWith("Once, in a hidden cenote");
    }

    @Test
    void aVertexReplyWithoutIndexHasIndexZeroAndItsUsage() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V05, 0));

        assertThat(result.candidates().get(0).index()).isZero();
        assertThat(result.usage().candidatesDetails()).containsExactly(new ModalityTokens(Modality.TEXT, 5),
                new ModalityTokens(Modality.IMAGE, 1290));
        assertThat(result.responseId()).contains("xm7vaOLiB56L3dAPsp7kmA0");
    }

    @Test
    void groundingMetadataIsIgnored() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V04, 0));

        assertThat(result.candidates().get(0).parts()).singleElement().isInstanceOf(Part.Image.class);
        assertThat(result.usage().thoughtsTokens()).isEqualTo(529);
    }

    @Test
    void noImageHasAnEmptyCandidateAndItsReason() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V08, 0));

        assertThat(result.candidates()).singleElement().satisfies(c -> {
            assertThat(c.parts()).isEmpty();
            assertThat(c.finishReason()).contains(FinishReason.NO_IMAGE);
        });
        assertThat(result.usage()).isEqualTo(new Usage(9, 0, 9, 0, 0, 0, List.of(new ModalityTokens(Modality.TEXT, 9)),
                List.of(), List.of(), List.of()));
    }

    @Test
    void aBlockedPromptHasNoCandidatesAndItsReason() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V09, 0));

        assertThat(result.candidates()).isEmpty();
        assertThat(result.blockReason()).contains(BlockReason.PROHIBITED_CONTENT);
        assertThat(result.promptFeedback()).hasValueSatisfying(f -> assertThat(f.safetyRatings()).isEmpty());
    }

    @Test
    void aSafetyBlockKeepsItsRatings() throws IOException {
        GenerationResult result = decode(Fixtures.replyBody(V14, 0));

        Candidate candidate = result.candidates().get(0);
        assertThat(candidate.finishReason()).contains(FinishReason.SAFETY);
        assertThat(candidate.safetyRatings()).hasSize(4).first()
                .isEqualTo(new SafetyRating(HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmProbability.LOW, true));
        assertThat(candidate.safetyRatings().get(1).blocked()).isFalse();
    }

    @Test
    void eachServerSentEventDecodesAsAReply() throws IOException {
        List<JsonValue> events = new ArrayList<>(Fixtures.vector(V10).getJsonArray("events"));

        GenerationResult first = decode(events.get(0).toString());
        GenerationResult last = decode(events.get(1).toString());

        assertThat(first.candidates().get(0).parts()).singleElement().isInstanceOfSatisfying(Part.Image.class, i -> {
            assertThat(i.image().bytes()).containsExactly(0);
            assertThat(i.image().pixelSize()).isEmpty();
            assertThat(i.thoughtSignature()).contains("live-image-thought-signature");
        });
        assertThat(first.finishReason()).isEmpty();
        assertThat(last.candidates().get(0).parts()).containsExactly(new Part.Text("", false, Optional.empty()));
        assertThat(last.finishReason()).contains(FinishReason.STOP);
        assertThat(last.usage().totalTokens()).isEqualTo(1394);
    }

    @Test
    void errorBodiesDecodeToAnEmptyResult() throws IOException {
        for (String vector : List.of("11_error_429_RESOURCE_EXHAUSTED_RetryInfo.json",
                "12_error_400_image-part-missing-thought-signature.json", "15_proxy_error_invalid-signature.json")) {
            GenerationResult result = decode(Fixtures.replyBody(vector, 0));

            assertThat(result.candidates()).as(vector).isEmpty();
            assertThat(result.promptFeedback()).as(vector).isEmpty();
            assertThat(result.usage()).as(vector).isEqualTo(Usage.NONE);
        }
    }
}
