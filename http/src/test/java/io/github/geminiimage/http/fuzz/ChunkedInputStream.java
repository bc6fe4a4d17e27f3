package io.github.geminiimage.http.fuzz;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * Serves a byte array in reads of pseudo-random sizes, as a network stream does, including the
 * occasional read of zero bytes when asked to. Reproducible from its seed.
 */
final class ChunkedInputStream extends InputStream {

    private final byte[] data;
    private final SplittableRandom random;
    private final int maxChunk;
    private final boolean zeroReads;
    private int pos;

    /**
     * @param maxChunk the largest read, at least 1
     * @param zeroReads whether some reads return 0 bytes (never two hundred in a row)
     */
    ChunkedInputStream(byte[] data, long seed, int maxChunk, boolean zeroReads) {
        this.data = data;
        this.random = new SplittableRandom(seed);
        this.maxChunk = Math.max(1, maxChunk);
        this.zeroReads = zeroReads;
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
        if (zeroReads && random.nextInt(8) == 0) {
            return 0;
        }
        int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxChunk));
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
