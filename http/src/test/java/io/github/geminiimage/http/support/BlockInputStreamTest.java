package io.github.geminiimage.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BlockInputStreamTest {

    /** Counts what passes through its block read, the one place a filter sees bytes. */
    private static final class Counting extends BlockInputStream.Filter {
        long passed;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                passed += n;
            }
            return n;
        }
    }

    /** A stream that fails any call but a block read and close: a filter must not reach around its read. */
    private static final class OnlyBlockReads extends ByteArrayInputStream {
        boolean closed;

        OnlyBlockReads(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            throw new AssertionError("single-byte read reached the inner stream");
        }

        @Override
        public synchronized long skip(long n) {
            throw new AssertionError("skip reached the inner stream");
        }

        @Override
        public boolean markSupported() {
            throw new AssertionError("mark reached the inner stream");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void singleByteReadsGoThroughTheBlockReadAsUnsignedValues() throws IOException {
        Counting in = new Counting(new OnlyBlockReads(new byte[] {0, 0x7F, (byte) 0x80, (byte) 0xFF}));

        assertThat(new int[] {in.read(), in.read(), in.read(), in.read(), in.read()}).containsExactly(0, 0x7F, 0x80, 0xFF, -1);
        assertThat(in.passed).isEqualTo(4);
    }

    @Test
    void skippedBytesPassThroughTheBlockRead() throws IOException {
        Counting in = new Counting(new OnlyBlockReads(new byte[20_000]));

        assertThat(in.skip(12_345)).isEqualTo(12_345);
        assertThat(in.passed).isEqualTo(12_345);
        assertThat(in.skip(100_000)).isEqualTo(20_000 - 12_345);
        assertThat(in.passed).isEqualTo(20_000);
    }

    @Test
    void aFilterSupportsNoMarkAndClosesItsStream() throws IOException {
        OnlyBlockReads inner = new OnlyBlockReads(new byte[1]);
        Counting in = new Counting(inner);

        assertThat(in.markSupported()).isFalse();
        in.close();
        assertThat(inner.closed).isTrue();
    }
}
