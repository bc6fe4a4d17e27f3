package io.github.geminiimage.wire.internal.codec;

import java.util.Arrays;

/** A growable byte array, reused by the scanner for keys, strings and the compacted JSON. Not thread-safe. */
final class ByteSink {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int limit;
    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        this(capacity, MAX_ARRAY);
    }

    /** A sink that never holds more than {@code limit} bytes: one more is an {@link Overflow}. */
    ByteSink(int capacity, int limit) {
        this.limit = Math.min(limit, MAX_ARRAY);
        bytes = new byte[Math.min(capacity, this.limit)];
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
        if (wanted > limit) {
            wanted = limit;
            if (size + (long) extra > wanted) {
                throw new Overflow();
            }
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
    }

    /** More than the sink's limit or a Java array can hold; the scanner reports it as a reply that is too large. */
    static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overflow() {
            super("more than 2 GB in one array", null, false, false);
        }
    }
}
