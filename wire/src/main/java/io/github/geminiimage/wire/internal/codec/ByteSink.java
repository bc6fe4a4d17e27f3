package io.github.geminiimage.wire.internal.codec;

import java.util.Arrays;

/** A growable byte array, reused by the scanner for keys, strings and the compacted JSON. Not thread-safe. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void reset() {
        size = 0;
    }

    /** Empties the sink and makes sure it holds {@code capacity} bytes without growing. */
    void resetWithCapacity(int capacity) {
        size = 0;
        if (bytes.length < capacity) {
            bytes = new byte[capacity];
        }
    }

    void put(int b) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) b;
    }

    void put(byte[] src, int offset, int length) {
        if (size + length > bytes.length) {
            grow(length);
        }
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    private void grow(int extra) {
        long wanted = Math.max((long) bytes.length * 2, (long) size + extra);
        if (wanted > Integer.MAX_VALUE - 8) {
            wanted = Integer.MAX_VALUE - 8;
            if (size + (long) extra > wanted) {
                throw new Overflow();
            }
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
    }

    /** More than a Java array can hold; the scanner reports it as a reply that is too large. */
    static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overflow() {
            super("more than 2 GB in one array", null, false, false);
        }
    }
}
