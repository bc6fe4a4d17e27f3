package io.github.geminiimage.wire;

import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Serves a byte array in reads of chosen sizes, as a network stream does: each read asks the
 * supplier for its size (0 for a read of zero bytes). Reproducible when the supplier is.
 */
public final class Trickle extends InputStream {

    private final byte[] data;
    private final IntSupplier readSize;
    private int pos;

    /** {@code data} in reads of {@code readSize} bytes at most (0: a read of nothing). */
    public Trickle(byte[] data, IntSupplier readSize) {
        this.data = data;
        this.readSize = readSize;
    }

    /** Reads of 1 to {@code maxChunk} bytes, drawn from {@code new Random(seed)}. */
    public static Trickle random(byte[] data, int maxChunk, long seed) {
        Random random = new Random(seed);
        return new Trickle(data, () -> 1 + random.nextInt(maxChunk));
    }

    /** Reads of the given sizes in turn, round and round. */
    public static Trickle cycling(byte[] data, List<Integer> sizes) {
        int[] turn = {0};
        return new Trickle(data, () -> sizes.get(turn[0]++ % sizes.size()));
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
        int n = Math.min(Math.min(len, data.length - pos), readSize.getAsInt());
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }

    /** The bytes read so far. */
    public int consumed() {
        return pos;
    }
}
