package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.Trickle;
import static io.github.geminiimage.wire.RandomInputs.check;
import static io.github.geminiimage.wire.RandomInputs.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.wire.RandomInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any image bytes come back unchanged from a reply built around them, whatever the reply's
 * spelling (camelCase or snake_case, pretty-printed, escaped slashes, {@code \}u escapes, line
 * breaks in the base64, fields reordered, a thought draft before it) and however the reply is
 * cut into reads. Randomized: see {@link RandomInputs}.
 */
class ReplyDecoderImageRoundTripTest {

    /** How a server may spell the same reply. */
    record Spelling(boolean snakeCase, boolean pretty, boolean escapedSlashes, boolean unicodeEscapes, boolean lineBreaks,
            boolean dataFirst, boolean unknownFields, boolean thoughtDraft) {
    }

    static LongStream seeds() {
        return RandomInputs.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyImageBytesRoundTripThroughAReplyInAnyChunking(long seed) {
        check(seed, random -> {
            byte[] image = image(random);
            Spelling spelling = new Spelling(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
            List<Integer> readSizes = readSizes(random);
            boolean declareLength = random.nextBoolean();
            byte[] reply = reply(image, spelling).getBytes(StandardCharsets.UTF_8);
            String where = image.length + " image bytes, " + spelling + ", reads " + readSizes
                    + (declareLength ? ", with" : ", without") + " Content-Length";

            GenerationResult result = ReplyDecoder.decode(Trickle.cycling(reply, readSizes),
                    declareLength ? OptionalLong.of(reply.length) : OptionalLong.empty(), 4L << 20);

            GeneratedImage decoded = result.requireImage();
            requireSameBytes(decoded.bytes(), image, where);
            assertThat(decoded.mimeType()).as(where).isEqualTo("image/png");
            List<Part> parts = result.candidates().get(0).parts();
            assertThat(parts).as(where).hasSize(spelling.thoughtDraft() ? 3 : 2);
            if (spelling.thoughtDraft()) {
                requireSameBytes(((Part.Image) parts.get(0)).image().bytes(), Arrays.copyOf(image, image.length / 2),
                        where + ", thought draft");
                assertThat(parts.get(0).thoughtSignature()).as(where).contains("c2lnbmF0dXJl");
            }
            assertThat(result.text()).as(where).isEqualTo("Here \"it\" is \u00e9\uD83D\uDE00");
        });
    }

    /** Equal arrays, or a failure that says where they part (not a dump of 200 KB). */
    private static void requireSameBytes(byte[] actual, byte[] expected, String where) {
        assertThat(Arrays.mismatch(actual, expected)).as("%s: first differing byte of %d decoded, %d expected", where,
                actual.length, expected.length).isEqualTo(-1);
    }

    static String reply(byte[] image, Spelling s) {
        String nl = s.pretty() ? "\n  " : "";
        String colon = s.pretty() ? " : " : ":";
        StringBuilder parts = new StringBuilder();
        if (s.thoughtDraft()) {
            parts.append(imagePart(Arrays.copyOf(image, image.length / 2), s, nl, colon))
                    .insert(parts.length() - 1, "," + key("thought", s) + colon + "true," + key("thoughtSignature", s) + colon
                            + "\"c2lnbmF0dXJl\"")
                    .append(',').append(nl);
        }
        parts.append('{').append(key("text", s)).append(colon).append("\"Here \\\"it\\\" is \\u00e9\\ud83d\\ude00\"}")
                .append(',').append(nl).append(imagePart(image, s, nl, colon));
        String unknown = s.unknownFields() ? key("createTime", s) + colon + "\"2026-03-01T12:00:00Z\"," + nl
                + key("groundingMetadata", s) + colon + "{\"webSearchQueries\":[\"a\",{\"b\":[1,2.5e3,null,true]}]}," + nl : "";
        return "{" + nl + key("candidates", s) + colon + "[{" + nl + unknown + key("content", s) + colon + "{"
                + key("role", s) + colon + "\"model\"," + nl + key("parts", s) + colon + "[" + nl + parts + "]}," + nl
                + key("finishReason", s) + colon + "\"STOP\"}]," + nl + key("modelVersion", s) + colon
                + "\"gemini-2.5-flash-image\"" + nl + "}";
    }

    private static String imagePart(byte[] image, Spelling s, String nl, String colon) {
        String data = "\"" + base64(image, s) + "\"";
        String mime = key("mimeType", s) + colon + "\"image/png\"";
        String inline = s.dataFirst() ? key("data", s) + colon + data + "," + nl + mime : mime + "," + nl + key("data", s) + colon + data;
        return "{" + key("inlineData", s) + colon + "{" + inline + "}}";
    }

    private static String base64(byte[] image, Spelling s) {
        String text = Base64.getEncoder().encodeToString(image);
        if (s.lineBreaks()) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i += 76) {
                out.append(text, i, Math.min(text.length(), i + 76)).append(i + 76 < text.length() ? "\\n" : "");
            }
            text = out.toString();
        }
        if (s.escapedSlashes()) {
            text = text.replace("/", "\\/");
        }
        if (s.unicodeEscapes()) {
            text = text.replace("+", "\\u002B").replace("A", "\\u0041");
        }
        return text;
    }

    private static String key(String camel, Spelling s) {
        String name = s.snakeCase() ? camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT) : camel;
        return "\"" + name + "\"";
    }

    // ---- inputs ------------------------------------------------------------------------------

    /** Up to 200 KB: several of the decoder's 32 KB buffers, and every alignment of their edges. */
    private static byte[] image(SplittableRandom random) {
        int size = switch (weighted(random, 2, 5, 3)) {
            case 0 -> random.nextInt(0, 101);
            case 1 -> random.nextInt(101, 40_001);
            default -> random.nextInt(40_001, 200_001);
        };
        return RandomInputs.bytes(random, size);
    }

    /** One to twelve read sizes, taken in turn: a few bytes, up to 5,000, or up to 70,000. */
    private static List<Integer> readSizes(SplittableRandom random) {
        List<Integer> sizes = new ArrayList<>();
        for (int n = random.nextInt(1, 13); n > 0; n--) {
            sizes.add(switch (weighted(random, 3, 3, 2)) {
                case 0 -> random.nextInt(1, 9);
                case 1 -> random.nextInt(9, 5001);
                default -> random.nextInt(5001, 70_001);
            });
        }
        return sizes;
    }

}
