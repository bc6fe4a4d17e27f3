package io.github.geminiimage.http.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.http.internal.codec.ReplyDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any image bytes come back unchanged from a reply built around them, whatever the reply's
 * spelling (camelCase or snake_case, pretty-printed, escaped slashes, {@code \}u escapes, line
 * breaks in the base64, fields reordered, a thought draft before it) and however the reply is
 * cut into reads.
 */
class ReplyDecoderPropertyTest {

    /** How a server may spell the same reply. */
    record Spelling(boolean snakeCase, boolean pretty, boolean escapedSlashes, boolean unicodeEscapes, boolean lineBreaks,
            boolean dataFirst, boolean unknownFields, boolean thoughtDraft) {
    }

    @Property(tries = 150)
    void anyImageBytesRoundTripThroughAReplyInAnyChunking(@ForAll("images") byte[] image, @ForAll("spellings") Spelling spelling,
            @ForAll("readSizes") List<Integer> readSizes, @ForAll boolean declareLength)
            throws IOException {
        byte[] reply = reply(image, spelling).getBytes(StandardCharsets.UTF_8);
        Statistics.label("image size").collect(image.length < 3 ? "0-2" : image.length < 40_000 ? "< 40 KB" : ">= 40 KB");

        GenerationResult result = ReplyDecoder.decode(new ReadSizes(reply, readSizes),
                declareLength ? OptionalLong.of(reply.length) : OptionalLong.empty(), 4L << 20);

        GeneratedImage decoded = result.requireImage();
        assertThat(decoded.bytes()).isEqualTo(image);
        assertThat(decoded.mimeType()).isEqualTo("image/png");
        List<Part> parts = result.candidates().get(0).parts();
        assertThat(parts).hasSize(spelling.thoughtDraft() ? 3 : 2);
        if (spelling.thoughtDraft()) {
            assertThat(((Part.Image) parts.get(0)).image().bytes()).isEqualTo(java.util.Arrays.copyOf(image, image.length / 2));
            assertThat(parts.get(0).thoughtSignature()).contains("c2lnbmF0dXJl");
        }
        assertThat(result.text()).isEqualTo("Here \"it\" is \u00e9\uD83D\uDE00");
    }

    static String reply(byte[] image, Spelling s) {
        String nl = s.pretty() ? "\n  " : "";
        String colon = s.pretty() ? " : " : ":";
        StringBuilder parts = new StringBuilder();
        if (s.thoughtDraft()) {
            parts.append(imagePart(java.util.Arrays.copyOf(image, image.length / 2), s, nl, colon))
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

    @Provide
    Arbitrary<byte[]> images() {
        // Up to 200 KB: several of the decoder's 32 KB buffers, and every alignment of their edges.
        // The bytes come from a seeded random source: generating them one by one is slow at this size.
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 100)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(101, 40_000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(40_001, 200_000)));
        return net.jqwik.api.Combinators.combine(sizes, Arbitraries.longs()).as((size, seed) -> {
            byte[] bytes = new byte[size];
            new java.util.Random(seed).nextBytes(bytes);
            return bytes;
        });
    }

    @Provide
    Arbitrary<Spelling> spellings() {
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        return net.jqwik.api.Combinators.combine(b, b, b, b, b, b, b, b).as(Spelling::new);
    }

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 8)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(9, 5000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(5001, 70_000))).list().ofMinSize(1).ofMaxSize(12);
    }

    /** Serves the reply in reads of the given sizes, in turn, as a network stream would. */
    static final class ReadSizes extends InputStream {
        private final byte[] data;
        private final List<Integer> sizes;
        private int pos;
        private int turn;

        ReadSizes(byte[] data, List<Integer> sizes) {
            this.data = data;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), sizes.get(turn++ % sizes.size()));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
