package io.github.geminiimage.wire.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one decoded base64 value, written in place into {@link #array} at {@link #length}.
 * The first array is sized from an upper bound when one is known (the reply's declared length), so
 * an image is usually decoded into a single array that is never copied. Without a bound, full
 * arrays are set aside and the next one is twice as large; they are joined once at the end, so
 * nothing is copied twice. Not thread-safe.
 */
final class DecodedBytes {

    /** Java arrays cannot be longer than this. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int MAX_CHUNK = 16 * 1024 * 1024;

    /** The array being written. */
    byte[] array;
    /** Bytes written into {@link #array}. */
    int length;
    private List<byte[]> filled;
    private List<Integer> filledLengths;
    private long filledBytes;

    DecodedBytes(int capacity) {
        array = new byte[capacity];
    }

    /** Room for {@code extra} more bytes in {@link #array}, moving on to a new array if needed. */
    void ensure(int extra) {
        if (length + extra <= array.length) {
            return;
        }
        if (filled == null) {
            filled = new ArrayList<>();
            filledLengths = new ArrayList<>();
        }
        filled.add(array);
        filledLengths.add(length);
        filledBytes += length;
        if (filledBytes > MAX_ARRAY) {
            throw new ByteSink.Overflow();
        }
        array = new byte[Math.max(extra, (int) Math.min(MAX_CHUNK, 2L * array.length))];
        length = 0;
    }

    void append(byte[] src, int count) {
        int room = array.length - length;
        int first = Math.min(room, count);
        System.arraycopy(src, 0, array, length, first);
        length += first;
        if (first < count) {
            ensure(count - first);
            System.arraycopy(src, first, array, length, count - first);
            length += count - first;
        }
    }

    /**
     * Ends writing and gives the array to hand over, its content in {@code [0, length)}: the same
     * array when the unused tail is small (at most an eighth of the content or 4 KB), so that the
     * common case copies nothing; otherwise one exact copy, so that a loose bound never keeps much
     * memory alive.
     */
    byte[] settle() {
        if (filled != null) {
            long total = filledBytes + length;
            if (total > MAX_ARRAY) {
                throw new ByteSink.Overflow();
            }
            byte[] joined = new byte[(int) total];
            int at = 0;
            for (int i = 0; i < filled.size(); i++) {
                System.arraycopy(filled.get(i), 0, joined, at, filledLengths.get(i));
                at += filledLengths.get(i);
            }
            System.arraycopy(array, 0, joined, at, length);
            filled = null;
            array = joined;
            length = joined.length;
            return array;
        }
        int slack = array.length - length;
        if (slack > Math.max(4096, length / 8)) {
            array = Arrays.copyOf(array, length);
        }
        return array;
    }
}
