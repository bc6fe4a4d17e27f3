package io.github.geminiimage.wire.internal.codec;

import static io.github.geminiimage.wire.internal.codec.Fixtures.random;
import static io.github.geminiimage.wire.internal.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.wire.Trickle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A reply that declares its length gets a read buffer of that size when it is shorter than
 * {@link JsonInput#BUFFER}, and an image with less than a chunk of the declared length left skips
 * the JDK's chunks. These tests put replies around the smallest buffer, images around the chunk
 * left, and a stream longer than it declared (which must still fit what it hands back into the
 * small buffer).
 */
class ReplyDecoderBufferSizeTest {

    private static final long CAP = 64L << 20;
    private static final int CHUNK_BYTES = JsonScanner.CHUNK / 4 * 3;

    private static byte[] imageOf(GenerationResult result) {
        assertThat(result.images()).hasSize(1);
        return result.images().get(0).bytes();
    }

    @Test
    void repliesAroundTheSmallestBufferDecodeInAnyReadSizes() throws IOException {
        int around = utf8(ReplyDecoderStreamingTest.reply("")).length;
        for (int size = 0; size < 3 * (JsonInput.MIN_BUFFER - around) / 4 + 30; size += 1) {
            byte[] image = random(size, size);
            byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(image)));
            for (int reads : new int[] {1, 13, JsonInput.MIN_BUFFER, 1 << 16}) {
                GenerationResult result = ReplyDecoder.decode(Trickle.random(body, reads, size),
                        OptionalLong.of(body.length), CAP);

                assertThat(imageOf(result)).as("image of %d bytes in a body of %d, reads of 1..%d", size, body.length, reads)
                        .isEqualTo(image);
            }
        }
    }

    @Test
    void imagesWithAboutAChunkOfTheDeclaredLengthLeftDecode() throws IOException {
        int tail = utf8(ReplyDecoderStreamingTest.reply("")).length;
        for (int chunks = 1; chunks <= 2; chunks++) {
            for (int delta = -12; delta <= 12; delta++) {
                // The base64 plus the JSON after it is about a whole number of chunks.
                int size = (chunks * JsonScanner.CHUNK - tail) / 4 * 3 + delta;
                byte[] image = random(size, delta + 100);
                String base64 = Base64.getEncoder().encodeToString(image);
                for (boolean escaped : new boolean[] {false, true}) {
                    String text = escaped ? base64.replace("/", "\\/") : base64;
                    byte[] body = utf8(ReplyDecoderStreamingTest.reply(text));
                    for (int reads : new int[] {7, JsonScanner.CHUNK + 3, 1 << 20}) {
                        GenerationResult result = ReplyDecoder.decode(Trickle.random(body, reads, size),
                                OptionalLong.of(body.length), CAP);

                        assertThat(imageOf(result)).as("image of %d bytes, escaped %s, reads of 1..%d", size, escaped, reads)
                                .isEqualTo(image);
                    }
                }
            }
        }
    }

    @Test
    void aStreamLongerThanItDeclaredStillDecodesChunksTheJdkRefuses() throws IOException {
        // The buffer is sized from the short declared length; a chunk refused for its escape is
        // handed back to that buffer whole.
        byte[] image = random(CHUNK_BYTES * 4 + 10, 9);
        String base64 = Base64.getEncoder().encodeToString(image);
        String escaped = base64.substring(0, 100) + "\\r\\n" + base64.substring(100, JsonScanner.CHUNK + 50) + "\\r\\n"
                + base64.substring(JsonScanner.CHUNK + 50);
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(escaped));
        for (long declared : new long[] {1, 200, JsonInput.MIN_BUFFER + 1L, JsonScanner.CHUNK}) {
            GenerationResult result = ReplyDecoder.decode(new ByteArrayInputStream(body), OptionalLong.of(declared), CAP);

            assertThat(imageOf(result)).as("declared %d of %d bytes", declared, body.length).isEqualTo(image);
        }
    }
}
