package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.JsonBody;
import static io.github.geminiimage.wire.internal.codec.Fixtures.json;
import static io.github.geminiimage.wire.internal.codec.Fixtures.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.HarmBlockThreshold;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.error.InvalidRequestException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestEncoderTest {

    private static final String B64_JPEG = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwME";

    @TempDir
    Path dir;

    private static byte[] body(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertThat((long) out.size()).as("bytes written vs contentLength").isEqualTo(body.contentLength());
        return out.toByteArray();
    }

    private static byte[] body(GenerationRequest request) throws IOException {
        return body(RequestEncoder.encode(request));
    }

    @Test
    void aTextToImageRequestIsExactlyTheRecordedOne() throws IOException {
        GenerationRequest request = GenerationRequest.builder().model("gemini-3-pro-image-preview")
                .prompt("Generate an illustrated two-sentence story about an axolotl.").build();

        assertThat(json(body(request))).isEqualTo(Fixtures.requestBody(
                "01_gemini-3-pro-image-preview_text-and-image_thought-signatures.json", 0));
    }

    @Test
    void theVertexRecordingHasTheSameBodyToo() throws IOException {
        GenerationRequest request = GenerationRequest.builder().prompt("Generate an image of an axolotl.").build();

        assertThat(json(body(request))).isEqualTo(Fixtures.requestBody("05_vertex_gemini-2.5-flash-image_text-and-png.json", 0));
    }

    @Test
    void everySetFieldIsSentAndOnlyThose() throws IOException {
        byte[] first = jpeg(10, 1);
        byte[] second = jpeg(11, 2);
        GenerationRequest request = GenerationRequest.builder().model(ImageModel.GEMINI_3_PRO_IMAGE)
                .prompt("Make the background a sunset").addImage(ImageInput.ofBytes(first)).addImage(ImageInput.ofBytes(second))
                .aspectRatio(AspectRatio.RATIO_16_9).imageSize(ImageSize.SIZE_2K)
                .responseModalities(ResponseModalities.IMAGE_ONLY).candidateCount(1).temperature(0.7).topP(0.95).topK(40)
                .seed(-7).systemInstruction("Be brief.")
                .addSafetySetting(HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, HarmBlockThreshold.BLOCK_ONLY_HIGH)
                .build();

        String expected = """
                {"contents":[{"role":"user","parts":[
                   {"text":"Make the background a sunset"},
                   {"inlineData":{"mimeType":"image/jpeg","data":"%s"}},
                   {"inlineData":{"mimeType":"image/jpeg","data":"%s"}}]}],
                 "systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "generationConfig":{"responseModalities":["IMAGE"],"candidateCount":1,"temperature":0.7,"topP":0.95,
                   "topK":40,"seed":-7,"imageConfig":{"aspectRatio":"16:9","imageSize":"2K"}},
                 "safetySettings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","threshold":"BLOCK_ONLY_HIGH"}]}
                """.formatted(Base64.getEncoder().encodeToString(first), Base64.getEncoder().encodeToString(second));
        assertThat(json(body(request))).isEqualTo(json(expected));
    }

    @Test
    void anImageOnlyEditHasNoTextPartAndNoImageConfig() throws IOException {
        byte[] image = jpeg(5, 3);
        GenerationRequest request = GenerationRequest.builder().addImage(ImageInput.ofBytes(image)).build();

        assertThat(json(body(request))).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"image/jpeg","data":"%s"}}]}],
                 "generationConfig":{"responseModalities":["TEXT","IMAGE"]}}
                """.formatted(Base64.getEncoder().encodeToString(image))));
    }

    @Test
    void includeThoughtsIsSentInTheThinkingConfigOnlyWhenAsked() throws IOException {
        GenerationRequest.Builder builder = GenerationRequest.builder().model(ImageModel.GEMINI_3_PRO_IMAGE).prompt("x");

        assertThat(new String(body(builder.includeThoughts(true).build()), StandardCharsets.UTF_8))
                .endsWith("\"thinkingConfig\":{\"includeThoughts\":true}}}");
        assertThat(new String(body(builder.includeThoughts(false).build()), StandardCharsets.UTF_8))
                .doesNotContain("thinkingConfig");
    }

    @Test
    void theImageSizeIsSentOnlyAlone() throws IOException {
        GenerationRequest request = GenerationRequest.builder().model(ImageModel.GEMINI_3_1_FLASH_IMAGE).prompt("x")
                .imageSize(ImageSize.SIZE_512).build();

        assertThat(new String(body(request), StandardCharsets.UTF_8))
                .contains("\"imageConfig\":{\"imageSize\":\"512\"}");
    }

    @Test
    void historyIsReplayedVerbatimBeforeTheNewTurn() throws IOException {
        byte[] userImage = jpeg(7, 4);
        byte[] modelImage = Base64.getDecoder().decode(B64_JPEG);
        List<Turn> history = List.of(
                new Turn.User(Optional.of("Create an infographic"), List.of(ImageInput.ofBytes(userImage))),
                new Turn.Model(List.of(
                        new Part.Text("thinking...", true, Optional.empty()),
                        new Part.Text("Here is ...", false, Optional.of("c2lnIEE=")),
                        new Part.Image(GeneratedImage.of("image/jpeg", modelImage), false, Optional.of("c2lnIEI=")),
                        new Part.Image(GeneratedImage.of("image/jpeg", modelImage), true, Optional.empty()),
                        new Part.Other("{\"functionCall\":{\"name\":\"f\",\"args\":{\"a_b\":1.50}}}", false, Optional.empty()))));
        GenerationRequest request = GenerationRequest.builder().model(ImageModel.GEMINI_3_PRO_IMAGE)
                .prompt("Translate it to Spanish").history(history).build();

        String text = new String(body(request), StandardCharsets.UTF_8);

        assertThat(json(text)).isEqualTo(json("""
                {"contents":[
                 {"role":"user","parts":[{"text":"Create an infographic"},{"inlineData":{"mimeType":"image/jpeg","data":"%s"}}]},
                 {"role":"model","parts":[
                   {"text":"thinking...","thought":true},
                   {"text":"Here is ...","thoughtSignature":"c2lnIEE="},
                   {"inlineData":{"mimeType":"image/jpeg","data":"%s"},"thoughtSignature":"c2lnIEI="},
                   {"inlineData":{"mimeType":"image/jpeg","data":"%s"},"thought":true},
                   {"functionCall":{"name":"f","args":{"a_b":1.50}}}]},
                 {"role":"user","parts":[{"text":"Translate it to Spanish"}]}],
                 "generationConfig":{"responseModalities":["TEXT","IMAGE"]}}
                """.formatted(Base64.getEncoder().encodeToString(userImage), B64_JPEG, B64_JPEG)));
        // Kept parts go out byte for byte, not re-serialised.
        assertThat(text).contains("{\"functionCall\":{\"name\":\"f\",\"args\":{\"a_b\":1.50}}}");
    }

    @Test
    void stringsAreEscapedExactly() throws IOException {
        String tricky = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 us\u001F del\u007F"
                + " é 中 😀 \u2028";
        List<Turn> history = List.of(new Turn.Model(List.of(new Part.Text(tricky, false, Optional.empty()))));
        GenerationRequest request = GenerationRequest.builder().prompt(tricky).history(history).build();

        byte[] bytes = body(request);
        String text = new String(bytes, StandardCharsets.UTF_8);

        assertThat(text).contains("quote\\\" backslash\\\\ slash/ nl\\n cr\\r tab\\t bs\\b ff\\f nul\\u0000 us\\u001F del\u007F"
                + " é 中 😀 \u2028");
        JsonObject parsed = json(bytes).asJsonObject();
        assertThat(parsed.getJsonArray("contents").getJsonObject(1).getJsonArray("parts").getJsonObject(0).getString("text"))
                .isEqualTo(tricky);
        assertThat(parsed.getJsonArray("contents").getJsonObject(0).getJsonArray("parts").getJsonObject(0).getString("text"))
                .isEqualTo(tricky);
    }

    @Test
    void aLoneSurrogateInHistoryIsRefusedNamingTheField() {
        List<Turn> history = List.of(new Turn.User(Optional.of("ok"), List.of()),
                new Turn.Model(List.of(new Part.Text("ok", false, Optional.empty()),
                        new Part.Text("bad \uD83D here", false, Optional.empty()))));
        GenerationRequest request = GenerationRequest.builder().prompt("next").history(history).build();

        assertThatThrownBy(() -> RequestEncoder.encode(request))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).contains("history[1].parts[1].text"))
                .hasMessageContaining("history[1].parts[1].text").hasMessageContaining("lone surrogate U+D83D at index 4");
    }

    @Test
    void aLoneLowSurrogateInASignatureIsRefusedToo() {
        List<Turn> history = List.of(new Turn.Model(List.of(new Part.Text("ok", false, Optional.of("\uDC00x")))));
        GenerationRequest request = GenerationRequest.builder().prompt("next").history(history).build();

        assertThatThrownBy(() -> RequestEncoder.encode(request)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("history[0].parts[0].thoughtSignature").hasMessageContaining("U+DC00");
    }

    @Test
    void aKeptPartThatIsNotOneJsonObjectIsRefused() {
        for (String bad : List.of("", "[1]", "{\"a\":1", "{\"a\":1} x", "{\"a\":01}")) {
            List<Turn> history = List.of(new Turn.Model(List.of(new Part.Other(bad, false, Optional.empty()))));
            GenerationRequest request = GenerationRequest.builder().prompt("next").history(history).build();

            assertThatThrownBy(() -> RequestEncoder.encode(request)).as(bad).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("history[0].parts[0].json");
        }
    }

    @Test
    void theLengthIsExactForEveryImageSizeAroundEveryBoundary() throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 3; n <= 40; n++) {
            sizes.add(n);
        }
        int chunk = JsonOutput.CHUNK_IN;
        for (int k = 1; k <= 3; k++) {
            for (int d = -4; d <= 4; d++) {
                sizes.add(k * chunk + d);
            }
        }
        for (int size : sizes) {
            byte[] image = jpeg(size, size);
            GenerationRequest request = GenerationRequest.builder().prompt("p").addImage(ImageInput.ofBytes(image)).build();

            byte[] bytes = body(request);

            assertThat(RequestEncoder.contentLength(request)).isEqualTo(bytes.length);
            String data = json(bytes).asJsonObject().getJsonArray("contents").getJsonObject(0).getJsonArray("parts")
                    .getJsonObject(1).getJsonObject("inlineData").getString("data");
            assertThat(data).as("size " + size).hasSize((int) (4 * ((size + 2L) / 3)));
            assertThat(Base64.getDecoder().decode(data)).as("size " + size).isEqualTo(image);
        }
    }

    @Test
    void everyWriteProducesTheSameBytes() throws IOException {
        Path file = dir.resolve("in.jpg");
        Files.write(file, jpeg(100_003, 9));
        JsonBody body = RequestEncoder.encode(GenerationRequest.builder().prompt("again")
                .addImage(ImageInput.ofFile(file)).addImage(ImageInput.ofBytes(jpeg(5000, 10))).build());

        assertThat(body(body)).isEqualTo(body(body));
    }

    @Test
    void aFileImageIsStreamedFromTheFile() throws IOException {
        byte[] image = jpeg(3 * JsonOutput.CHUNK_IN + 17, 11);
        Path file = dir.resolve("big.jpg");
        Files.write(file, image);

        byte[] bytes = body(GenerationRequest.builder().addImage(ImageInput.ofFile(file)).build());

        String data = json(bytes).asJsonObject().getJsonArray("contents").getJsonObject(0).getJsonArray("parts")
                .getJsonObject(0).getJsonObject("inlineData").getString("data");
        assertThat(Base64.getDecoder().decode(data)).isEqualTo(image);
    }

    @Test
    void aFileThatGrewSinceItWasCheckedFailsBeforeAnythingIsWritten() throws IOException {
        Path file = dir.resolve("grows.jpg");
        Files.write(file, jpeg(1000, 12));
        JsonBody body = RequestEncoder.encode(GenerationRequest.builder().prompt("p").addImage(ImageInput.ofFile(file)).build());
        Files.write(file, new byte[10], StandardOpenOption.APPEND);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> body.writeTo(out)).isInstanceOf(IOException.class)
                .hasMessageContaining("grows.jpg").hasMessageContaining("changed size")
                .hasMessageContaining("was 1000 bytes, now 1010");
        assertThat(out.size()).isZero();
    }

    @Test
    void aFileThatShrankFailsToo() throws IOException {
        Path file = dir.resolve("shrinks.jpg");
        Files.write(file, jpeg(1000, 13));
        JsonBody body = RequestEncoder.encode(GenerationRequest.builder().addImage(ImageInput.ofFile(file)).build());
        Files.write(file, jpeg(10, 13));

        assertThatThrownBy(() -> body.writeTo(OutputStream.nullOutputStream())).isInstanceOf(IOException.class)
                .hasMessageContaining("was 1000 bytes, now 10");
    }

    @Test
    void aStreamThatEndsEarlyOrRunsOnFailsWhileWriting() {
        for (int actual : new int[] {JsonOutput.CHUNK_IN - 1, JsonOutput.CHUNK_IN + 1, 5, 7}) {
            ImageSource lying = new ImageSource() {
                @Override
                public long size() {
                    return 6;
                }

                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(new byte[actual]);
                }

                @Override
                public String describe() {
                    return "image file x.png";
                }

                @Override
                public void checkUnchanged() {
                }
            };
            JsonOutput out = JsonOutput.writingTo(OutputStream.nullOutputStream());

            assertThatThrownBy(() -> out.base64(lying)).as("%d bytes", actual).isInstanceOf(IOException.class)
                    .hasMessageContaining("image file x.png changed size since it was checked");
        }
    }

    @Test
    void writingThreeSevenMegabyteFilesAllocatesLittle() throws IOException {
        GenerationRequest.Builder builder = GenerationRequest.builder().model(ImageModel.GEMINI_3_PRO_IMAGE).prompt("p");
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("seven-" + i + ".jpg");
            Files.write(file, jpeg(7 * 1000 * 1000, i));
            builder.addImage(ImageInput.ofFile(file));
        }
        JsonBody body = RequestEncoder.encode(builder.build());
        CountingStream sink = new CountingStream();
        body.writeTo(sink);
        body.writeTo(sink);

        long before = Fixtures.allocatedBytes();
        body.writeTo(sink);
        long allocated = Fixtures.allocatedBytes() - before;

        assertThat(sink.count).isEqualTo(3 * body.contentLength());
        assertThat(allocated).as("bytes allocated by one writeTo").isLessThan(256 * 1024);
    }

    @Test
    void writingInMemoryImagesAllocatesLittleToo() throws IOException {
        GenerationRequest.Builder builder = GenerationRequest.builder().model(ImageModel.GEMINI_3_PRO_IMAGE).prompt("p");
        for (int i = 0; i < 3; i++) {
            builder.addImage(ImageInput.ofBytes(jpeg(7 * 1000 * 1000, i)));
        }
        JsonBody body = RequestEncoder.encode(builder.build());
        body.writeTo(OutputStream.nullOutputStream());

        long before = Fixtures.allocatedBytes();
        body.writeTo(OutputStream.nullOutputStream());
        long allocated = Fixtures.allocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by one writeTo").isLessThan(256 * 1024);
    }

    @Test
    void theBodyNeverPrintsItsContent() {
        JsonBody body = RequestEncoder.encode(GenerationRequest.builder().prompt("secret prompt").build());

        assertThat(body.toString()).doesNotContain("secret").contains(body.contentLength() + " bytes");
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
