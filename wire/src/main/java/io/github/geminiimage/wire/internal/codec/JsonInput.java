package io.github.geminiimage.wire.internal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The buffered, capped reading under {@link JsonScanner}: one buffer refilled from the stream, the
 * running byte count checked against the cap as bytes arrive, and the first bytes kept for error
 * excerpts. Its buffer fields are read directly by the scanner's and the base64 decoder's loops.
 * Not thread-safe.
 */
final class JsonInput {

    static final int BUFFER = 32 * 1024;
    /** The smallest buffer: a reply of a few hundred bytes still fills it in one read. */
    static final int MIN_BUFFER = 512;
    private static final int EXCERPT_BYTES = 240;

    private final InputStream in;
    final long maxBytes;
    final String subject;
    private final ScanErrors errors;
    byte[] buf;
    int pos;
    int lim;
    long total;
    boolean eof;
    /** Line breaks met between tokens so far: the only place a raw line break may stand in JSON. */
    long lineBreaks;
    private final byte[] head = new byte[EXCERPT_BYTES];
    private int headLength;

    /**
     * @param declaredLength the length the sender declared, or -1: a short reply gets a buffer of
     *     its size (one more byte to see the end in the same read) instead of {@link #BUFFER}, so
     *     small replies do not allocate and zero 32 KB each
     */
    JsonInput(InputStream in, long maxBytes, long declaredLength, String subject, ScanErrors errors) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.subject = subject;
        this.errors = errors;
        long size = declaredLength >= 0 ? Math.min(BUFFER, Math.max(MIN_BUFFER, declaredLength + 1)) : BUFFER;
        this.buf = new byte[(int) size];
    }

    int skipWhitespace() throws IOException {
        while (true) {
            if (pos == lim && !fill()) {
                return -1;
            }
            int ch = buf[pos] & 0xFF;
            if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
                if (ch == '\n') {
                    lineBreaks++;
                }
                pos++;
            } else {
                return ch;
            }
        }
    }

    int nextByte() throws IOException {
        if (pos == lim && !fill()) {
            throw errors.truncated();
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer once it is used up; false at the end of the stream. */
    boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    int readUpTo(byte[] into, int offset, int length) throws IOException {
        int got = 0;
        while (got < length && !eof) {
            int n = read(into, offset + got, length - got);
            if (n < 0) {
                eof = true;
            } else {
                got += n;
            }
        }
        return got;
    }

    /** One read of at least one byte, or -1 at the end; checks the cap as bytes arrive. */
    private int read(byte[] into, int offset, int length) throws IOException {
        long left = maxBytes - total;
        // One byte past the cap is enough to know the reply is too large.
        int want = left < length ? (int) left + 1 : length;
        int zeroReads = 0;
        while (true) {
            int n = in.read(into, offset, want);
            if (n < 0) {
                return -1;
            }
            if (n == 0) {
                if (++zeroReads == 1000) {
                    throw new IOException("the " + subject + " stream returned no data 1000 times in a row");
                }
                continue;
            }
            if (headLength < head.length) {
                int keep = Math.min(n, head.length - headLength);
                System.arraycopy(into, offset, head, headLength, keep);
                headLength += keep;
            }
            total += n;
            if (total > maxBytes) {
                throw errors.tooLarge("the " + subject + " is larger than the limit of " + maxBytes + " bytes");
            }
            return n;
        }
    }

    /** Bytes of the stream consumed so far. */
    long offset() {
        return total - (lim - pos);
    }

    /** The first bytes of the stream, as an excerpt safe to show (see {@link BodyExcerpt}). */
    Optional<String> excerpt() {
        return BodyExcerpt.of(head, headLength);
    }
}
