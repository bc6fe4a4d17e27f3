package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.sink.SinkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one decoded base64 value, written in place into {@link #array} at {@link #length}.
 * The first array is sized from an upper bound when one is known (the reply's declared length), so
 * an image is usually decoded into a single array that is never copied. Without a bound, full
 * arrays are set aside and the next one is twice as large; they are joined once at the end, so
 * nothing is copied twice.
 *
 * <p>Going to a sink ({@link #toSink}), the array is a small fixed buffer instead: whenever it is
 * full it is written to the sink's output and reused, so an image of any size costs the buffer.
 * Not thread-safe.
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
    /** Where full buffers go, when decoding to a sink. */
    private final SinkSession.Output sink;
    private long flushed;

    DecodedBytes(int capacity) {
        array = new byte[capacity];
        sink = null;
    }

    private DecodedBytes(SinkSession.Output sink, int buffer) {
        array = new byte[buffer];
        this.sink = sink;
    }

    /**
     * Bytes that go to {@code output} through a reused buffer of {@code buffer} bytes (at least
     * what one {@link #ensure} or {@link #append} asks for).
     */
    static DecodedBytes toSink(SinkSession.Output output, int buffer) {
        return new DecodedBytes(output, buffer);
    }

    /** The sink's output, when decoding to one. */
    SinkSession.Output sink() {
        return sink;
    }

    /** All bytes decoded, including those already written to the sink. */
    long total() {
        return flushed + length;
    }

    private void flush() {
        try {
            sink.write(array, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flushed += length;
        length = 0;
    }

    /** Room for {@code extra} more bytes in {@link #array}, moving on to a new array if needed. */
    void ensure(int extra) {
        if (length + extra <= array.length) {
            return;
        }
        if (sink != null) {
            flush();
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
        if (sink != null) {
            flush();
            try {
                sink.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return array;
        }
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
