package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.Trickle;
import static io.github.geminiimage.wire.internal.codec.Fixtures.random;
import static io.github.geminiimage.wire.internal.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.error.MalformedResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The base64 of an image goes to the JDK's decoder in chunks of {@link JsonScanner#CHUNK}
 * characters, the first from the read buffer and the others straight from the stream; the chunk
 * holding the closing quote, and any chunk the JDK refuses, go to the scalar loop. These tests put
 * the string's end, padding, escapes, bad characters and base64-looking JSON right around those
 * boundaries.
 */
class ReplyDecoderChunkBoundaryTest {

    private static final long CAP = 64L << 20;
    /** Image bytes held by one chunk of base64. */
    private static final int CHUNK_BYTES = JsonScanner.CHUNK / 4 * 3;

    private static GenerationResult decode(byte[] body, InputStream in, boolean declared) throws IOException {
        return ReplyDecoder.decode(in, declared ? OptionalLong.of(body.length) : OptionalLong.empty(), CAP);
    }

    private static byte[] imageOf(GenerationResult result) {
        assertThat(result.images()).hasSize(1);
        return result.images().get(0).bytes();
    }

    @Test
    void imagesEndingAroundEveryChunkBoundaryDecode() throws IOException {
        for (int chunks : new int[] {1, 2, 3, 4, 5, 9}) {
            for (int delta = -5; delta <= 5; delta++) {
                int size = chunks * CHUNK_BYTES + delta;
                byte[] image = random(size, size);
                byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(image)));
                for (int trickle : new int[] {7, JsonScanner.CHUNK - 1, JsonScanner.CHUNK + 1, 1 << 20}) {
                    for (boolean declared : new boolean[] {true, false}) {
                        GenerationResult result = decode(body, Trickle.random(body, trickle, size + trickle), declared);

                        assertThat(imageOf(result)).as("size %d, reads of 1..%d, declared %s", size, trickle, declared)
                                .isEqualTo(image);
                    }
                }
            }
        }
    }

    @Test
    void aClosingQuoteFollowedByBase64LookingJsonStillDecodes() throws IOException {
        // The chunk holding the first image's closing quote ends in the signature's (or the
        // second image's) base64, so it looks plain and the JDK refuses it: the scalar loop takes it.
        for (int size : new int[] {10_000, CHUNK_BYTES * 3 - 1, 100_000}) {
            byte[] first = random(size, 1);
            byte[] second = random(size + 7, 2);
            String signature = Base64.getEncoder().encodeToString(random(30_000, 3));
            String json = "{\"candidates\":[{\"content\":{\"parts\":["
                    + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(first)
                    + "\"},\"thoughtSignature\":\"" + signature + "\",\"thought\":true},"
                    + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(second)
                    + "\"}}]}}]}";
            byte[] body = utf8(json);
            for (boolean declared : new boolean[] {true, false}) {
                GenerationResult result = decode(body, new ByteArrayInputStream(body), declared);

                List<Part> parts = result.candidates().get(0).parts();
                assertThat(((Part.Image) parts.get(0)).image().bytes()).as("size %d", size).isEqualTo(first);
                assertThat(parts.get(0).thoughtSignature()).contains(signature);
                assertThat(((Part.Image) parts.get(1)).image().bytes()).as("size %d", size).isEqualTo(second);
            }
        }
    }

    @Test
    void oneEscapeAnywhereAroundAChunkBoundaryDecodes() throws IOException {
        byte[] image = random(CHUNK_BYTES * 6, 5);
        String base64 = Base64.getEncoder().encodeToString(image);
        for (int boundary : new int[] {JsonScanner.CHUNK, 4 * JsonScanner.CHUNK}) {
            for (int at = boundary - 20; at <= boundary + 20; at++) {
                for (String escape : List.of("\\/", "\\u00", "\\r\\n")) {
                    String replacement = escape.equals("\\u00")
                            ? String.format("\\u%04X", (int) base64.charAt(at)) : escape;
                    String escaped = escape.equals("\\r\\n")
                            ? base64.substring(0, at) + replacement + base64.substring(at)
                            : base64.substring(0, at) + replacement + base64.substring(at + 1);
                    if (escape.equals("\\/") && base64.charAt(at) != '/') {
                        continue;
                    }
                    byte[] body = utf8(ReplyDecoderStreamingTest.reply(escaped));

                    GenerationResult result = decode(body, new ByteArrayInputStream(body), at % 2 == 0);

                    assertThat(imageOf(result)).as("%s at %d", escape, at).isEqualTo(image);
                }
            }
        }
    }

    @Test
    void escapesInEveryChunkStillDecode() throws IOException {
        // Every chunk is refused by the JDK; after a few refusals the scalar loop takes the rest.
        byte[] image = random(CHUNK_BYTES * 20 + 1, 6);
        String base64 = Base64.getEncoder().encodeToString(image);
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 1000) {
            escaped.append(base64, i, Math.min(base64.length(), i + 1000)).append("\\r\\n");
        }
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(escaped.toString()));

        assertThat(imageOf(decode(body, Trickle.random(body, 5000, 6), true))).isEqualTo(image);
    }

    @Test
    void aBadCharacterInAnyChunkIsNamedWithItsPosition() {
        String good = Base64.getEncoder().encodeToString(random(CHUNK_BYTES * 5, 7));
        int c = JsonScanner.CHUNK;
        for (int at : new int[] {0, c - 1, c, c + 1, 3 * c - 16, 3 * c - 1, 4 * c + 100, good.length() - 1}) {
            String bad = good.substring(0, at) + "!" + good.substring(at + 1);
            byte[] body = utf8(ReplyDecoderStreamingTest.reply(bad));

            assertThatThrownBy(() -> decode(body, new ByteArrayInputStream(body), true))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessage("candidate 0, part 1: invalid base64 in inlineData.data: unexpected character '!' at character "
                            + at + " of the value");
        }
    }

    @Test
    void paddingThatEndsAChunkMustBeFollowedByTheQuote() throws IOException {
        for (int chunks = 1; chunks <= 3; chunks++) {
            // 3 * CHUNK_BYTES - 1 bytes end in "=" exactly at the end of a chunk.
            byte[] image = random(chunks * CHUNK_BYTES - 1, chunks);
            String base64 = Base64.getEncoder().encodeToString(image);
            assertThat(base64.length() % JsonScanner.CHUNK).isZero();
            byte[] body = utf8(ReplyDecoderStreamingTest.reply(base64));
            byte[] trailing = utf8(ReplyDecoderStreamingTest.reply(base64 + "AAAA"));

            assertThat(imageOf(decode(body, new ByteArrayInputStream(body), true))).isEqualTo(image);
            assertThatThrownBy(() -> decode(trailing, new ByteArrayInputStream(trailing), true))
                    .isInstanceOf(MalformedResponseException.class).hasMessageContaining("data after the padding");
        }
    }

    @Test
    void aReplyCutInsideABulkChunkIsTruncated() {
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(random(CHUNK_BYTES * 8, 8))));
        for (int cut : new int[] {40_000, 40_001, 50_000}) {
            byte[] prefix = java.util.Arrays.copyOf(body, cut);

            assertThatThrownBy(() -> ReplyDecoder.decode(new ByteArrayInputStream(prefix), OptionalLong.of(body.length), CAP))
                    .isInstanceOf(MalformedResponseException.class).hasMessageContaining("ends early (truncated JSON)");
        }
    }
}
