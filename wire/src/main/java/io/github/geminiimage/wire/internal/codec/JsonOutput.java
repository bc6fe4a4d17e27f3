package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JSON bytes written to a stream through one small buffer, or only counted. The same writing code
 * runs in both modes, so the count of a counting pass is exactly what a writing pass writes.
 * Base64 payloads are encoded in aligned chunks through two reused scratch arrays with
 * {@link Base64.Encoder#encode(byte[], byte[])} (the vectorised path). Not thread-safe.
 */
final class JsonOutput {

    /** Bytes read from an image per chunk: a multiple of 3, so every chunk encodes without padding. */
    static final int CHUNK_IN = 3 * 8192;
    private static final int CHUNK_OUT = 4 * 8192;
    private static final int BUFFER = 8192;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    /** For each ASCII character: 0 = written as is, otherwise the escape letter, or 'u' for \\u00XX. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
    }

    /** Where the next string sits in the request, for error messages; set by the writer. */
    private String fieldPrefix = "";
    private int turn = -1;
    private int part = -1;

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private long count;
    private byte[] chunkIn;
    private byte[] chunkOut;

    private JsonOutput(OutputStream out) {
        this.out = out;
        this.buf = out == null ? null : new byte[BUFFER];
    }

    /** An output that only counts bytes. */
    static JsonOutput counting() {
        return new JsonOutput(null);
    }

    /** An output that writes to {@code out} (flush it with {@link #flush()}). */
    static JsonOutput writingTo(OutputStream out) {
        return new JsonOutput(out);
    }

    /** The bytes written or counted so far. */
    long count() {
        return count + pos;
    }

    /** Names the turn and part whose strings come next, for error messages ({@code -1}: none). */
    void at(String prefix, int turnIndex, int partIndex) {
        this.fieldPrefix = prefix;
        this.turn = turnIndex;
        this.part = partIndex;
    }

    /** Writes ASCII text that needs no escaping (structure and field names). */
    void ascii(String s) throws IOException {
        int n = s.length();
        if (out == null) {
            count += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            if (pos == buf.length) {
                drain();
            }
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** Writes one ASCII character. */
    void ascii(char c) throws IOException {
        if (out == null) {
            count++;
            return;
        }
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) c;
    }

    /**
     * Writes a JSON string: quotes, escapes for {@code "}, {@code \} and control characters,
     * everything else as UTF-8.
     *
     * @throws InvalidRequestException if the text has a lone surrogate, which UTF-8 cannot encode
     */
    void string(String s, String field) throws IOException {
        ascii('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPE[c];
                if (escape == 0) {
                    if (out == null) {
                        count++;
                    } else {
                        if (pos == buf.length) {
                            drain();
                        }
                        buf[pos++] = (byte) c;
                    }
                } else if (escape == 'u') {
                    if (room(6)) {
                        buf[pos++] = '\\';
                        buf[pos++] = 'u';
                        buf[pos++] = '0';
                        buf[pos++] = '0';
                        buf[pos++] = HEX[c >> 4];
                        buf[pos++] = HEX[c & 0xF];
                    }
                } else if (room(2)) {
                    buf[pos++] = '\\';
                    buf[pos++] = escape;
                }
            } else {
                i = utf8(s, i, field);
            }
        }
        ascii('"');
    }

    /**
     * Writes JSON text as is, in UTF-8 (a part kept verbatim from a reply).
     *
     * @throws InvalidRequestException if the text has a lone surrogate
     */
    void rawJson(String json, String field) throws IOException {
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else {
                i = utf8(json, i, field);
            }
        }
    }

    /** Writes the non-ASCII character at {@code i} (two chars for a pair); returns the last index used. */
    private int utf8(String s, int i, String field) throws IOException {
        char c = s.charAt(i);
        if (c < 0x800) {
            if (room(2)) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
            return i;
        }
        if (!Character.isSurrogate(c)) {
            if (room(3)) {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            if (room(4)) {
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            }
            return i + 1;
        }
        String where = fieldName(field);
        throw new InvalidRequestException(where, where + ": text with a lone surrogate U+"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
                + " cannot be encoded as UTF-8", (Throwable) null);
    }

    private String fieldName(String field) {
        StringBuilder name = new StringBuilder(fieldPrefix);
        if (turn >= 0) {
            name.append('[').append(turn).append(']');
        }
        if (part >= 0) {
            name.append(".parts[").append(part).append(']');
        }
        if (name.length() > 0) {
            name.append('.');
        }
        return name.append(field).toString();
    }

    /**
     * Writes the base64 form of an image, read from its stream in aligned chunks; when only
     * counting, adds {@code 4 * ceil(size / 3)} without reading anything.
     *
     * @throws IOException if the stream fails or does not hold exactly {@code size} bytes
     */
    void base64(ImageSource image) throws IOException {
        long size = image.size();
        if (out == null) {
            count += 4 * ((size + 2) / 3);
            return;
        }
        drain();
        if (chunkIn == null) {
            chunkIn = new byte[CHUNK_IN];
            chunkOut = new byte[CHUNK_OUT];
        }
        try (InputStream in = image.open()) {
            long remaining = size;
            while (remaining >= CHUNK_IN) {
                readFully(in, CHUNK_IN, image);
                ENCODER.encode(chunkIn, chunkOut);
                out.write(chunkOut, 0, CHUNK_OUT);
                count += CHUNK_OUT;
                remaining -= CHUNK_IN;
            }
            int tail = (int) remaining;
            if (tail > 0) {
                readFully(in, tail, image);
                int written = encodeTail(chunkIn, tail, chunkOut);
                out.write(chunkOut, 0, written);
                count += written;
            }
            if (in.read() != -1) {
                throw new IOException(image.describe() + " changed size since it was checked: it had "
                        + size + " bytes and has more now; the request was not completed");
            }
        }
    }

    private void readFully(InputStream in, int length, ImageSource image) throws IOException {
        int got = in.readNBytes(chunkIn, 0, length);
        if (got < length) {
            throw new IOException(image.describe() + " changed size since it was checked: it had "
                    + image.size() + " bytes and has fewer now; the request was not completed");
        }
    }

    /** Encodes {@code src[0, n)} with padding into {@code dst}; the JDK's array method needs whole arrays. */
    private static int encodeTail(byte[] src, int n, byte[] dst) {
        int d = 0;
        int i = 0;
        for (; i + 3 <= n; i += 3) {
            int bits = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
            dst[d++] = ALPHABET[bits >>> 18];
            dst[d++] = ALPHABET[(bits >>> 12) & 0x3F];
            dst[d++] = ALPHABET[(bits >>> 6) & 0x3F];
            dst[d++] = ALPHABET[bits & 0x3F];
        }
        int left = n - i;
        if (left > 0) {
            int bits = (src[i] & 0xFF) << 16 | (left == 2 ? (src[i + 1] & 0xFF) << 8 : 0);
            dst[d++] = ALPHABET[bits >>> 18];
            dst[d++] = ALPHABET[(bits >>> 12) & 0x3F];
            dst[d++] = left == 2 ? ALPHABET[(bits >>> 6) & 0x3F] : (byte) '=';
            dst[d++] = '=';
        }
        return d;
    }

    /** Writes what is buffered to the stream and flushes it. */
    void flush() throws IOException {
        if (out != null) {
            drain();
            out.flush();
        }
    }

    /** Makes room for {@code n} bytes in the buffer; when only counting, counts them and returns false. */
    private boolean room(int n) throws IOException {
        if (out == null) {
            count += n;
            return false;
        }
        if (pos + n > buf.length) {
            drain();
        }
        return true;
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            count += pos;
            pos = 0;
        }
    }
}
