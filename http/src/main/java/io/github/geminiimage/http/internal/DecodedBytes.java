package io.github.geminiimage.http.internal;

import java.util.Arrays;

/**
 * The bytes of one decoded base64 value, written in place. Its first array is sized from an upper
 * bound when one is known (the reply's declared length), so an image is usually decoded into a
 * single array that is never copied; otherwise it doubles as bytes arrive. Not thread-safe.
 */
final class DecodedBytes {

    /** Java arrays cannot be longer than this. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    byte[] array;
    int length;

    DecodedBytes(int capacity) {
        array = new byte[capacity];
    }

    /** Room for {@code extra} more bytes, growing the array if needed. */
    void ensure(int extra) {
        if (length + (long) extra > array.length) {
            long wanted = Math.max((long) array.length * 2, (long) length + extra);
            if (wanted > MAX_ARRAY) {
                if (length + (long) extra > MAX_ARRAY) {
                    throw new ByteSink.Overflow();
                }
                wanted = MAX_ARRAY;
            }
            array = Arrays.copyOf(array, (int) wanted);
        }
    }

    void append(byte[] src, int count) {
        ensure(count);
        System.arraycopy(src, 0, array, length, count);
        length += count;
    }

    /**
     * The array to hand over: the same array when the unused tail is small (at most an eighth of
     * the content or 4 KB), so that the common case copies nothing; a trimmed copy otherwise, so
     * that a loose bound never keeps much memory alive.
     */
    byte[] settle() {
        int slack = array.length - length;
        if (slack > Math.max(4096, length / 8)) {
            array = Arrays.copyOf(array, length);
        }
        return array;
    }
}
