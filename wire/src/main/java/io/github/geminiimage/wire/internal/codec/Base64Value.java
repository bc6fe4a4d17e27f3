package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.sink.SinkSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes one {@code inlineData.data} string value straight into the image's byte array, two ways:
 * aligned chunks through the JDK's vectorised array decoder (straight from the scanner's buffer, or
 * straight from the stream), and a scalar loop for what the JDK refuses (escapes, the URL-safe
 * alphabet, missing padding, the chunk holding the closing quote), which also names any error.
 * One per scan; not thread-safe.
 */
final class Base64Value {

    /**
     * Base64 characters handed to the JDK's decoder at a time: a multiple of 4 (whole groups), and
     * small enough that the chunk and its decoded bytes stay in the L1 cache between the read, the
     * decode and the copy into the image (measured: 8 KB beats 32 KB by about a quarter; 4 KB is
     * no better). At most {@link JsonInput#BUFFER}.
     */
    static final int CHUNK = 8 * 1024;
    private static final int TAIL_CHECK = 16;
    private static final int MAX_BULK_FAILURES = 2;
    private static final int BULK_DECODED = 0;
    private static final int BULK_SKIPPED = 1;
    private static final int BULK_REFUSED = 2;
    private static final int INITIAL_IMAGE = 64 * 1024;
    static final int MAX_UPFRONT = 64 * 1024 * 1024;
    /** The reused buffer an image decoded to a sink goes through (a few JDK chunks' worth). */
    static final int SINK_BUFFER = 64 * 1024;
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Sextet of each base64 character (standard and URL-safe alphabets), -1 for anything else. */
    private static final byte[] SEXTET = new byte[256];

    static {
        Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; i++) {
            SEXTET[alphabet.charAt(i)] = (byte) i;
        }
        SEXTET['-'] = 62;
        SEXTET['_'] = 63;
    }

    private final JsonInput input;
    private final ScanErrors errors;
    private final long declaredLength;
    /** Where images go instead of arrays, if anywhere. */
    private SinkSession sink;
    private byte[] spare;
    private byte[] decodedChunk;
    /** Bytes of image arrays sized from the declared length so far. */
    private long presized;

    /**
     * @param declaredLength the length the sender declared, or -1: it bounds each image's size
     */
    Base64Value(JsonInput input, ScanErrors errors, long declaredLength) {
        this.input = input;
        this.errors = errors;
        this.declaredLength = declaredLength;
    }

    /** Sends the images decoded from now on to {@code session} instead of arrays. */
    void sendTo(SinkSession session) {
        this.sink = session;
    }

    /**
     * Decodes a base64 string value from just after its opening quote to its closing quote.
     * Chunks of {@link #CHUNK} characters go through the JDK's vectorised array decoder, the first
     * ones straight from the buffer the JSON was read into, the others straight from the stream.
     * The scalar loop handles the chunk holding the closing quote, chunks the JDK refuses (escapes
     * such as {@code \/} or {@code \u002F}, escaped line breaks, the URL-safe alphabet) and missing
     * padding; it is also what names an error.
     */
    DecodedBytes decode() throws IOException {
        DecodedBytes out = sink != null ? DecodedBytes.toSink(sink.begin(), SINK_BUFFER)
                : new DecodedBytes(initialImageCapacity());
        long stringStart = input.offset();
        int bits = 0;
        int sextets = 0;
        int pads = 0;
        boolean done = false;
        int bulkFailures = 0;
        // Offset up to which the scalar loop decodes before the JDK is tried again: the chunk
        // ending there was not plain base64.
        long scalarUntil = 0;
        while (true) {
            if (sextets == 0 && !done) {
                boolean bulkAllowed = bulkFailures < MAX_BULK_FAILURES;
                if (bulkAllowed && input.offset() >= scalarUntil) {
                    int tried = bulk(out);
                    if (tried == BULK_DECODED) {
                        continue;
                    }
                    if (tried == BULK_REFUSED) {
                        bulkFailures++;
                    }
                    scalarUntil = input.offset() + CHUNK;
                }
                int stop = input.lim;
                if (bulkAllowed) {
                    stop = (int) Math.min(input.lim, input.pos + Math.max(0, scalarUntil - input.offset()));
                }
                int quads = (stop - input.pos) >> 2;
                if (quads > 0) {
                    byte[] b = input.buf;
                    byte[] a = out.array;
                    int w = out.length;
                    int fit = Math.min(quads, (a.length - w) / 3);
                    int p = input.pos;
                    int end = p + 4 * fit;
                    while (p < end) {
                        int v0 = SEXTET[b[p] & 0xFF];
                        int v1 = SEXTET[b[p + 1] & 0xFF];
                        int v2 = SEXTET[b[p + 2] & 0xFF];
                        int v3 = SEXTET[b[p + 3] & 0xFF];
                        if ((v0 | v1 | v2 | v3) < 0) {
                            break;
                        }
                        int v = v0 << 18 | v1 << 12 | v2 << 6 | v3;
                        a[w] = (byte) (v >> 16);
                        a[w + 1] = (byte) (v >> 8);
                        a[w + 2] = (byte) v;
                        w += 3;
                        p += 4;
                    }
                    out.length = w;
                    input.pos = p;
                    if (p == end && fit < quads) {
                        out.ensure(3);
                        continue;
                    }
                    if (bulkAllowed && p == end && input.offset() >= scalarUntil) {
                        // Past the chunk the JDK did not take, on a group boundary: try it again.
                        continue;
                    }
                }
            }
            if (input.pos == input.lim && !input.fill()) {
                throw errors.truncated();
            }
            int ch = input.buf[input.pos] & 0xFF;
            input.pos++;
            if (ch == '"') {
                break;
            }
            if (ch < 0x20) {
                throw errors.malformed(errors.where() + "an unescaped control character (" + ScanErrors.show(ch) + ") in a string at byte " + (input.offset() - 1));
            }
            if (ch == '\\') {
                ch = unescape();
                if (ch == '\n' || ch == '\r') {
                    continue;
                }
            }
            if (ch == '=') {
                if (done || sextets < 2) {
                    throw errors.badBase64("padding in the wrong place", input.offset() - stringStart - 1);
                }
                pads++;
                if (sextets + pads == 4) {
                    writeFinal(out, bits, sextets);
                    done = true;
                }
                continue;
            }
            int v = ch < 128 ? SEXTET[ch] : -1;
            if (v < 0) {
                throw errors.badBase64("unexpected character " + ScanErrors.show(ch), input.offset() - stringStart - 1);
            }
            if (done || pads > 0) {
                throw errors.badBase64("data after the padding", input.offset() - stringStart - 1);
            }
            bits = bits << 6 | v;
            if (++sextets == 4) {
                out.ensure(3);
                out.array[out.length] = (byte) (bits >> 16);
                out.array[out.length + 1] = (byte) (bits >> 8);
                out.array[out.length + 2] = (byte) bits;
                out.length += 3;
                bits = 0;
                sextets = 0;
            }
        }
        if (!done) {
            if (pads > 0) {
                throw errors.badBase64("incomplete padding", input.offset() - stringStart - 1);
            }
            if (sextets == 1) {
                throw errors.badBase64("a final group of one character", input.offset() - stringStart - 1);
            }
            if (sextets > 1) {
                writeFinal(out, bits, sextets);
            }
        }
        return out;
    }

    /**
     * Decodes the next {@link #CHUNK} characters with the JDK if they are plain base64: from the
     * buffer when it holds a whole chunk, otherwise what it holds followed by bytes read straight
     * from the stream. When they are not (or the stream ends first), they are left in the buffer
     * at {@code input.pos} for the scalar loop.
     *
     * @return {@link #BULK_DECODED}, {@link #BULK_SKIPPED} (not tried: too few bytes, or a chunk
     *     that visibly ends in something else, as the one holding the closing quote usually does)
     *     or {@link #BULK_REFUSED} (the JDK found a character it does not decode)
     */
    private int bulk(DecodedBytes out) throws IOException {
        int carried = input.lim - input.pos;
        boolean fromBuffer = carried >= CHUNK;
        if (!fromBuffer && (input.eof || declaredLength >= 0 && declaredLength - input.offset() < CHUNK)) {
            // Not a chunk's worth left (as declared): the scalar loop takes it, a small image
            // allocates no chunk arrays, and a chunk handed back (giveBack) always fits the read
            // buffer, which a short declared length makes smaller than a chunk.
            return BULK_SKIPPED;
        }
        if (spare == null) {
            spare = new byte[CHUNK];
            decodedChunk = new byte[CHUNK / 4 * 3];
        }
        if (fromBuffer) {
            System.arraycopy(input.buf, input.pos, spare, 0, CHUNK);
        } else {
            System.arraycopy(input.buf, input.pos, spare, 0, carried);
            input.pos = input.lim;
            int n = carried + input.readUpTo(spare, carried, CHUNK - carried);
            if (n < CHUNK) {
                giveBack(n);
                return BULK_SKIPPED;
            }
        }
        if (!endsInBase64(spare)) {
            if (!fromBuffer) {
                giveBack(CHUNK);
            }
            return BULK_SKIPPED;
        }
        int written;
        try {
            written = DECODER.decode(spare, decodedChunk);
        } catch (IllegalArgumentException e) {
            if (!fromBuffer) {
                giveBack(CHUNK);
            }
            return BULK_REFUSED;
        }
        if (fromBuffer) {
            input.pos += CHUNK;
        }
        out.append(decodedChunk, written);
        if (written < decodedChunk.length) {
            // The chunk ended with padding: only the closing quote may follow.
            requireQuoteAfterPadding();
        }
        return BULK_DECODED;
    }

    /**
     * Whether the chunk's last characters are base64. A chunk holding the closing quote ends in
     * the JSON that follows it, which is rarely {@link #TAIL_CHECK} base64 letters in a row: this
     * spares the JDK's exception (and its stack trace) for that chunk. It decides nothing about
     * correctness, which the JDK's decoder checks.
     */
    private static boolean endsInBase64(byte[] chunk) {
        for (int i = chunk.length - TAIL_CHECK; i < chunk.length; i++) {
            int ch = chunk[i] & 0xFF;
            if (SEXTET[ch] < 0 && ch != '=') {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code spare[0, n)}, read from the stream after an empty buffer, the buffer again. */
    private void giveBack(int n) {
        System.arraycopy(spare, 0, input.buf, 0, n);
        input.pos = 0;
        input.lim = n;
    }

    private void requireQuoteAfterPadding() throws IOException {
        if (input.pos == input.lim && !input.fill()) {
            throw errors.truncated();
        }
        if (input.buf[input.pos] != '"') {
            throw errors.badBase64("data after the padding", -1);
        }
    }

    private static void writeFinal(DecodedBytes out, int bits, int sextets) {
        out.ensure(2);
        if (sextets == 2) {
            out.array[out.length++] = (byte) (bits >> 4);
        } else {
            out.array[out.length++] = (byte) (bits >> 10);
            out.array[out.length++] = (byte) (bits >> 2);
        }
    }

    /** The character an escape stands for, the backslash already read. */
    private int unescape() throws IOException {
        int escape = input.nextByte();
        switch (escape) {
            case '"', '\\', '/':
                return escape;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int value = 0;
                for (int k = 0; k < 4; k++) {
                    int h = JsonStrings.hex(input.nextByte());
                    if (h < 0) {
                        throw errors.malformed(errors.where() + "an invalid \\u escape at byte " + input.offset());
                    }
                    value = value << 4 | h;
                }
                return value;
            default:
                throw errors.malformed(errors.where() + "an invalid escape at byte " + input.offset());
        }
    }

    private int initialImageCapacity() {
        long consumed = input.offset();
        // The declared length bounds an image, not every image: a reply of many tiny images that
        // declares a large length would allocate that much for each. Once the arrays sized from it
        // add up to twice what the reply can hold, later images start small and grow.
        boolean presize = declaredLength > consumed && presized <= 2 * (declaredLength / 4 * 3);
        long bound = Long.MAX_VALUE;
        if (presize) {
            // Every remaining byte could be base64 of this image: an upper bound, usually tight.
            bound = (declaredLength - consumed + 3) / 4 * 3;
        }
        if (input.maxBytes - consumed < Long.MAX_VALUE / 2) {
            bound = Math.min(bound, (input.maxBytes - consumed + 3) / 4 * 3);
        }
        if (bound == Long.MAX_VALUE || !presize) {
            bound = Math.min(bound, INITIAL_IMAGE);
        }
        int capacity = (int) Math.max(16, Math.min(bound, MAX_UPFRONT));
        if (presize) {
            presized += capacity;
        }
        return capacity;
    }
}
