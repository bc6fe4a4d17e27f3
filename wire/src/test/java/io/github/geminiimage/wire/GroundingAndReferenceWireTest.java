package io.github.geminiimage.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Grounding with Google Search ({@code tools.googleSearch} out, {@code groundingMetadata} back), images
 * by reference ({@code fileData} in a reply) and the Vertex output prefix ({@code outputConfig}) on the wire.
 */
class GroundingAndReferenceWireTest {

    private static final String GROUNDED_REPLY = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Here it is"}]},"finishReason":"STOP",
             "grounding_metadata":{"web_search_queries":["quetzal bird"],"imageSearchQueries":["resplendent quetzal"],
              "searchEntryPoint":{"renderedContent":"<div>...</div>"},
              "groundingChunks":[{"web":{"uri":"https://en.wikipedia.org/wiki/Quetzal","title":"Quetzal - Wikipedia"}},
               {"image":{"image_uri":"https://upload.example.org/q.jpg","sourceUri":"https://birds.example.org/q",
                 "title":"A quetzal","domain":"birds.example.org"}}]},"index":0}]}
            """;

    private static String body(GenerationRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonBody body = GenerateContentCodec.encode(request);
        body.writeTo(out);
        assertThat((long) out.size()).isEqualTo(body.contentLength());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static GenerationResult read(String reply) throws IOException {
        return GenerateContentCodec.read(new ByteArrayInputStream(reply.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    }

    private static GenerationRequest.Builder flash31() {
        return GenerationRequest.builder().model("gemini-3.1-flash-image").prompt("A quetzal");
    }

    @Test
    void webAndImageGroundingIsTheGoogleSearchToolWithBothSearchTypes() throws IOException {
        JsonObject sent = json(body(flash31().grounding(SearchGrounding.WEB_AND_IMAGE).build()));

        assertThat(sent.getJsonArray("tools")).isEqualTo(Json.createReader(new StringReader(
                "[{\"googleSearch\":{\"searchTypes\":{\"webSearch\":{},\"imageSearch\":{}}}}]")).readArray());
    }

    @ParameterizedTest
    @EnumSource(SearchGrounding.class)
    void eachGroundingOptionReadsBackAsItself(SearchGrounding grounding) throws IOException {
        byte[] sent = body(flash31().grounding(grounding).build()).getBytes(StandardCharsets.UTF_8);

        GenerationRequest read = GenerateContentCodec.readRequest(new ByteArrayInputStream(sent), "gemini-3.1-flash-image", 1 << 20);

        assertThat(read.grounding()).contains(grounding);
    }

    @Test
    void noGroundingSendsNoTools() throws IOException {
        assertThat(json(body(flash31().build())).containsKey("tools")).isFalse();
    }

    @Test
    void groundingMetadataDecodesIntoQueriesAndSourcesInEitherSpelling() throws IOException {
        GenerationResult result = read(GROUNDED_REPLY);

        Grounding grounding = result.grounding().orElseThrow();
        assertThat(grounding.webSearchQueries()).containsExactly("quetzal bird");
        assertThat(grounding.imageSearchQueries()).containsExactly("resplendent quetzal");
        assertThat(grounding.queries()).containsExactly("quetzal bird", "resplendent quetzal");
        assertThat(grounding.sources()).containsExactly(
                GroundingSource.web("https://en.wikipedia.org/wiki/Quetzal", "Quetzal - Wikipedia"),
                GroundingSource.image("https://upload.example.org/q.jpg", "https://birds.example.org/q", "A quetzal",
                        "birds.example.org"));
    }

    @Test
    void groundingSurvivesTheReplyEncoderAndTheDecoder() throws IOException {
        GenerationResult original = read(GROUNDED_REPLY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.encodeReply(original).writeTo(out);

        GenerationResult again = read(out.toString(StandardCharsets.UTF_8));

        assertThat(again.grounding()).isEqualTo(original.grounding());
    }

    @Test
    void aReplyWithoutGroundingHasNone() throws IOException {
        assertThat(read("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]},\"finishReason\":\"STOP\"}]}")
                .grounding()).isEmpty();
    }

    @Test
    void aFileDataImagePartIsAnImageByReference(@TempDir Path dir) throws IOException {
        GenerationResult result = read("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Done"},
                 {"file_data":{"mime_type":"image/png","file_uri":"gs://renders/out/abc-0.png"},"thoughtSignature":"c2ln"}]},
                 "finishReason":"STOP"}]}
                """);

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        GeneratedImage image = result.requireImage();
        assertThat(image.isReference()).isTrue();
        assertThat(image.uri()).contains(URI.create("gs://renders/out/abc-0.png"));
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(image.size()).isZero();
        assertThatThrownBy(image::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("by reference").hasMessageContaining("gs://renders/out/abc-0.png");
        assertThatThrownBy(() -> image.writeTo(dir.resolve("x.png"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gs://renders/out/abc-0.png");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void aReplayedImageByReferenceGoesBackAsFileDataWithItsSignature() throws IOException {
        Part.Image byReference = new Part.Image(GeneratedImage.ofReference("image/png", URI.create("gs://b/o.png")), false,
                Optional.of("c2ln"));
        GenerationRequest request = flash31().history(List.of(new Turn.User(Optional.of("first"), List.of()),
                new Turn.Model(List.of(byReference)))).build();

        JsonObject part = json(body(request)).getJsonArray("contents").getJsonObject(1).getJsonArray("parts").getJsonObject(0);

        assertThat(part).isEqualTo(json("{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":\"gs://b/o.png\"},"
                + "\"thoughtSignature\":\"c2ln\"}"));
    }

    @Test
    void aFileDataPartThatIsNotAnImageStaysAnUnknownPart() throws IOException {
        GenerationResult result = read("""
                {"candidates":[{"content":{"parts":[{"fileData":{"mimeType":"application/pdf","fileUri":"gs://b/d.pdf"}}]},
                 "finishReason":"STOP"}]}
                """);

        assertThat(result.candidates().get(0).parts()).singleElement().isInstanceOf(Part.Other.class);
    }

    @Test
    void theVertexOutputPrefixIsTopLevelOutputConfigAndReadsBack() throws IOException {
        GenerationRequest request = flash31().vertexOptions(VertexOptions.NONE.withOutputUriPrefix("gs://renders/out/")).build();
        String sent = body(request);

        assertThat(json(sent).getJsonObject("outputConfig")).isEqualTo(json("{\"outputUriPrefix\":\"gs://renders/out/\"}"));
        GenerationRequest read = GenerateContentCodec.readRequest(new ByteArrayInputStream(sent.getBytes(StandardCharsets.UTF_8)),
                "gemini-3.1-flash-image", 1 << 20);
        assertThat(read.vertexOptions().outputUriPrefix()).contains("gs://renders/out/");
    }

    @Test
    void theNewFinishReasonsAreKnownAndAMissingSignatureSaysHowToRecover() throws IOException {
        GenerationResult result = read("{\"candidates\":[{\"content\":{},\"finishReason\":\"MISSING_THOUGHT_SIGNATURE\"}]}");

        assertThat(result.finishReason()).contains(FinishReason.MISSING_THOUGHT_SIGNATURE);
        assertThat(result.finishReason().get().isKnown()).isTrue();
        assertThatThrownBy(result::requireImage).hasMessageContaining("lost a thought signature")
                .hasMessageContaining("Conversation");
        for (String reason : List.of("MALFORMED_RESPONSE", "ESCALATION", "PUP_LIMITED_DISABLED", "MODEL_ARMOR", "CONTINUATION")) {
            assertThat(FinishReason.of(reason).isKnown()).as(reason).isTrue();
        }
        GenerationResult armored = new GenerationResult(List.of(new Candidate(0, List.of(), Optional.of(FinishReason.MODEL_ARMOR),
                Optional.empty(), List.of())), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
        assertThat(armored.outcome()).isEqualTo(Outcome.CANDIDATE_BLOCKED);
    }
}
