package io.github.geminiimage.wire.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Replies shaped to make the decoder spend far more than the reply is worth. */
class HostileReplyTest {

    /**
     * Each image's array is sized up front from the declared length; a reply declaring 60 MB that
     * opens with 200 tiny images once allocated 45 MB for each of them (9 GB, seconds of CPU).
     */
    @Test
    void manyTinyImagesUnderALargeDeclaredLengthDoNotEachAllocateThatLength() throws IOException {
        int images = 200;
        long declared = 60_000_000;
        StringBuilder head = new StringBuilder("{\"candidates\":[{\"content\":{\"parts\":[");
        for (int i = 0; i < images; i++) {
            head.append(i > 0 ? "," : "").append("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"QUJD\"}}");
        }
        head.append("]}}]}");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        GenerationResult result = ReplyDecoder.decode(new PaddedStream(head.toString(), declared), OptionalLong.of(declared),
                64L << 20);

        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(result.candidates().get(0).parts()).hasSize(images);
        assertThat(result.images().get(images - 1).bytes()).isEqualTo("ABC".getBytes(StandardCharsets.US_ASCII));
        // A couple of images' worth of the declared length (45 MB each) at most, not one per image.
        assertThat(allocated).isLessThan(4 * declared);
    }

    /** The JSON, then spaces up to {@code length} bytes, without holding them. */
    private static final class PaddedStream extends InputStream {
        private final byte[] json;
        private final long length;
        private long pos;

        PaddedStream(String json, long length) {
            this.json = json.getBytes(StandardCharsets.US_ASCII);
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = pos + i < json.length ? json[(int) (pos + i)] : (byte) ' ';
            }
            pos += n;
            return n;
        }
    }
}
