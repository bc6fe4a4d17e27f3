package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.Trickle;
import static io.github.geminiimage.wire.internal.codec.Fixtures.random;
import static io.github.geminiimage.wire.internal.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Images survive any chunking of the stream, any escaping of their base64, and cost one array. */
class ReplyDecoderStreamingTest {

    private static final long CAP = 64L << 20;

    static String reply(String base64) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Here it is\"},"
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + base64 + "\"},\"thoughtSignature\":\"c2ln\"}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":1290,\"totalTokenCount\":1299},"
                + "\"modelVersion\":\"gemini-2.5-flash-image\",\"responseId\":\"abc\"}";
    }

    private static GenerationResult decode(String json) throws IOException {
        byte[] bytes = utf8(json);
        return ReplyDecoder.decode(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), CAP);
    }

    private static byte[] onlyImage(GenerationResult result) {
        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.images()).hasSize(1);
        return result.images().get(0).bytes();
    }

    @Test
    void randomImagesSurviveEveryChunkingOfTheStream() throws IOException {
        int[] sizes = {0, 1, 2, 3, 4, 5, 6, 7, 100, 24_575, 24_576, 24_577, 24_578, 49_151, 49_152, 49_153, 100_000};
        int[] chunks = {1, 2, 3, 5, 7, 64, 4093, 32_768, 100_000};
        for (int size : sizes) {
            byte[] image = random(size, size);
            byte[] body = utf8(reply(Base64.getEncoder().encodeToString(image)));
            for (int chunk : chunks) {
                for (boolean declared : new boolean[] {true, false}) {
                    Trickle in = Trickle.random(body, chunk, size * 31L + chunk);

                    GenerationResult result = ReplyDecoder.decode(in,
                            declared ? OptionalLong.of(body.length) : OptionalLong.empty(), CAP);

                    String label = "size " + size + ", chunks of 1.." + chunk + (declared ? ", declared" : "");
                    assertThat(result.images()).as(label).hasSize(1);
                    assertThat(result.images().get(0).bytes()).as(label).isEqualTo(image);
                    assertThat(result.candidates().get(0).parts().get(1).thoughtSignature()).as(label).contains("c2ln");
                    assertThat(in.consumed()).as(label).isEqualTo(body.length);
                }
            }
        }
    }

    @Test
    void aMegabyteImageSurvivesSmallAndLargeChunks() throws IOException {
        byte[] image = random(1_000_003, 42);
        byte[] body = utf8(reply(Base64.getEncoder().encodeToString(image)));
        for (int chunk : new int[] {64, 1000, 8191, 65_536, 1 << 20}) {
            for (OptionalLong declared : List.of(OptionalLong.of(body.length), OptionalLong.empty())) {
                GenerationResult result = ReplyDecoder.decode(Trickle.random(body, chunk, chunk), declared, CAP);

                assertThat(onlyImage(result)).as("chunks of 1..%d, %s", chunk, declared).isEqualTo(image);
            }
        }
    }

    @Test
    void escapedSlashesInBase64DecodeTheSame() throws IOException {
        byte[] image = random(60_000, 7);
        String base64 = Base64.getEncoder().encodeToString(image);
        assertThat(base64).contains("/");

        for (String slash : List.of("\\/", "\\u002F", "\\u002f")) {
            String escaped = base64.replace("/", slash);
            for (int chunk : new int[] {1, 5, 4096, 1 << 20}) {
                byte[] body = utf8(reply(escaped));
                GenerationResult result = ReplyDecoder.decode(Trickle.random(body, chunk, 3), OptionalLong.empty(), CAP);

                assertThat(onlyImage(result)).as(slash + " in chunks of 1.." + chunk).isEqualTo(image);
            }
        }
    }

    @Test
    void otherEscapedBase64CharactersDecodeToo() throws IOException {
        byte[] image = random(3000, 8);
        String base64 = Base64.getEncoder().encodeToString(image);
        String escaped = base64.replace("A", "\\u0041").replace("+", "\\u002B").replace("=", "\\u003D");

        assertThat(onlyImage(decode(reply(escaped)))).isEqualTo(image);
    }

    @Test
    void urlSafeUnpaddedAndLineBrokenBase64IsAccepted() throws IOException {
        for (int size : new int[] {1, 2, 3, 40_000, 40_001, 40_002}) {
            byte[] image = random(size, size);

            String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(image);
            String lines = Base64.getMimeEncoder().encodeToString(image).replace("\r\n", "\\r\\n");

            assertThat(onlyImage(decode(reply(urlSafe)))).as("url-safe %d", size).isEqualTo(image);
            assertThat(onlyImage(decode(reply(lines)))).as("line breaks %d", size).isEqualTo(image);
        }
    }

    @Test
    void paddingAtTheEndOfAFullBufferIsFollowedByTheQuote() throws IOException {
        // The base64 string ends (with padding) exactly where a read buffer ends (near 24 KB of
        // image) or where the first buffer decoded by the JDK ends (near 49 KB).
        for (int size = 24_560; size < 49_150; size += size < 24_600 || size >= 48_950 ? 1 : 24_350) {
            byte[] image = random(size, size);
            GenerationResult result = decode(reply(Base64.getEncoder().encodeToString(image)));

            assertThat(onlyImage(result)).as("size " + size).isEqualTo(image);
        }
    }

    @Test
    void fieldsComeInAnyOrderWithWhitespaceAndSnakeCase() throws IOException {
        byte[] image = random(5000, 9);
        String base64 = Base64.getEncoder().encodeToString(image);
        String json = " {\n \"response_id\" : \"r\" ,\"candidates\" : [ {\"index\" : 0 , \"finish_reason\" : \"STOP\" ,"
                + " \"content\" : { \"parts\" : [ { \"thought_signature\" : \"c2ln\" , \"inline_data\" : {"
                + " \"data\" : \"" + base64 + "\" , \"mime_type\" : \"image/png\" } } ] , \"role\" : \"model\" } } ] }\r\n\t";

        GenerationResult result = decode(json);

        assertThat(onlyImage(result)).isEqualTo(image);
        assertThat(result.responseId()).contains("r");
        assertThat(result.candidates().get(0).parts().get(0).thoughtSignature()).contains("c2ln");
    }

    @Test
    void aMultiMegabyteSignatureIsKeptVerbatim() throws IOException {
        String signature = Base64.getEncoder().encodeToString(random(2_200_000, 10));
        String json = "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\"AAAA\"},"
                + "\"thoughtSignature\":\"" + signature + "\"}]}}]}";

        GenerationResult result = decode(json);

        assertThat(result.candidates().get(0).parts().get(0).thoughtSignature()).contains(signature);
    }

    @Test
    void theFinalImageIsTheLastNonThoughtImage() throws IOException {
        String draft = Base64.getEncoder().encodeToString(random(100, 1));
        String last = Base64.getEncoder().encodeToString(random(200, 2));
        String middle = Base64.getEncoder().encodeToString(random(300, 3));
        String json = "{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\"" + draft + "\"},\"thought\":true},"
                + "{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\"" + middle + "\"}},"
                + "{\"text\":\"and\"},"
                + "{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\"" + last + "\"}}]},\"finishReason\":\"STOP\"}]}";

        GenerationResult result = decode(json);

        assertThat(result.images()).extracting(GeneratedImage::size).containsExactly(300, 200);
        assertThat(result.finalImage()).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(200));
        assertThat(result.candidates().get(0).parts().get(0)).isInstanceOfSatisfying(Part.Image.class,
                p -> assertThat(p.thought()).isTrue());
    }

    @Test
    void partsThisLibraryDoesNotModelAreKeptAsJson() throws IOException {
        String json = "{\"candidates\":[{\"content\":{\"parts\":["
                + "{ \"function_call\" : {\"name\":\"f\",\"args\":{\"snake_key\":[1.50,-2e3,true,null,\"\\u00e9\\/\"]}},"
                + " \"thought_signature\":\"c2ln\"},"
                + "{\"thought\":true,\"thoughtSignature\":\"c2lnMg==\"},"
                + "{},"
                + "{\"inlineData\":{\"mimeType\":\"audio/wav\",\"data\":\"AAEC\",\"displayName\":\"x\"},\"thought\":false}"
                + "]}}]}";

        List<Part> parts = decode(json).candidates().get(0).parts();

        assertThat(parts).containsExactly(
                new Part.Other("{\"function_call\":{\"name\":\"f\",\"args\":{\"snake_key\":[1.50,-2e3,true,null,\"\\u00e9\\/\"]}},"
                        + "\"thoughtSignature\":\"c2ln\"}", false, Optional.of("c2ln")),
                new Part.Other("{\"thought\":true,\"thoughtSignature\":\"c2lnMg==\"}", true, Optional.of("c2lnMg==")),
                new Part.Other("{}", false, Optional.empty()),
                new Part.Other("{\"inlineData\":{\"mimeType\":\"audio/wav\",\"data\":\"AAEC\",\"displayName\":\"x\"},\"thought\":false}",
                        false, Optional.empty()));
    }

    @Test
    void missingNullAndEmptyContentMeanNoParts() throws IOException {
        for (String content : List.of("", "\"content\":null,", "\"content\":{},", "\"content\":{\"parts\":null},",
                "\"content\":{\"parts\":[]},", "\"content\":{\"role\":\"model\"},")) {
            GenerationResult result = decode("{\"candidates\":[{" + content + "\"finishReason\":\"IMAGE_SAFETY\"}]}");

            assertThat(result.candidates()).as(content).singleElement().satisfies(c -> assertThat(c.parts()).isEmpty());
            assertThat(result.outcome()).as(content).isEqualTo(Outcome.CANDIDATE_BLOCKED);
        }
    }

    @Test
    void unknownFieldsAnywhereAreSkipped() throws IOException {
        String unknown = "{\"a\":[1,{\"b\":[[[\"c\"]]]},null,-0.5e-3],\"d\":\"\\\"\"}";
        String json = "{\"x\":" + unknown + ",\"candidates\":[{\"y\":" + unknown + ",\"content\":{\"z\":" + unknown
                + ",\"parts\":[{\"text\":\"t\"}]},\"citationMetadata\":" + unknown + ",\"avgLogprobs\":-0.1}],"
                + "\"usageMetadata\":{\"trafficType\":\"ON_DEMAND\",\"promptTokenCount\":3,\"serviceTier\":\"standard\"},"
                + "\"createTime\":\"2025-10-15T09:52:06Z\",\"modelStatus\":{\"modelStage\":\"PREVIEW\"}}";

        GenerationResult result = decode(json);

        assertThat(result.text()).isEqualTo("t");
        assertThat(result.usage().promptTokens()).isEqualTo(3);
    }

    @Test
    void anUnknownFinishReasonIsKeptAsItsRawValue() throws IOException {
        GenerationResult result = decode("{\"candidates\":[{\"finishReason\":\"BRAND_NEW\",\"finishMessage\":\"why\"}]}");

        assertThat(result.finishReason()).hasValueSatisfying(r -> {
            assertThat(r.value()).isEqualTo("BRAND_NEW");
            assertThat(r.isKnown()).isFalse();
        });
        assertThat(result.candidates().get(0).finishMessage()).contains("why");
        assertThat(result.outcome()).isEqualTo(Outcome.NO_IMAGE);
    }

    @Test
    void aMissingMimeTypeIsSniffedFromTheBytes() throws IOException {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGMwTjsDAAI1AWaKkkQyAAAAAElFTkSuQmCC";

        GenerationResult result = decode("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\"" + png + "\"}}]}}]}");

        assertThat(result.requireImage().mimeType()).isEqualTo("image/png");
    }

    @Test
    void decodingAOnePointEightMegabyteImageAllocatesLittleMoreThanTheImage() throws IOException {
        byte[] image = random(1_800_000, 11);
        byte[] body = utf8(reply(Base64.getEncoder().encodeToString(image)));
        for (int i = 0; i < 5; i++) {
            ReplyDecoder.decode(new ByteArrayInputStream(body), OptionalLong.of(body.length), CAP);
        }

        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            long before = Fixtures.allocatedBytes();
            GenerationResult result = ReplyDecoder.decode(in, OptionalLong.of(body.length), CAP);
            best = Math.min(best, Fixtures.allocatedBytes() - before);
            assertThat(result.images().get(0).size()).isEqualTo(image.length);
        }

        assertThat((double) best / image.length).as("allocated %d bytes for an image of %d", best, image.length)
                .isLessThanOrEqualTo(1.15);
    }
}
