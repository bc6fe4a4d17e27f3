package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@code streamGenerateContent?alt=sse} body chunk by chunk: each event's data is decoded
 * by the {@link ChunkDecoder} while it is read; an event whose first member is {@code error} (or
 * that is a JSON array, Google's wrapped error), and JSON found after the last event outside SSE
 * framing (vector 19), are thrown as the {@link ErrorBodyMapper} maps them. Events whose data is
 * blank are skipped. Only the first bytes of an event are looked at before decoding: its
 * data is never buffered, except an error's (bounded). Not thread-safe; does not close the body.
 */
public final class StreamReplyReader {

    private static final int LONGEST_KEY = 16;

    private final SseReader sse;
    private final long maxBytes;
    private final ChunkDecoder decoder;
    private final ErrorBodyMapper errors;
    private int chunks;
    private int prefixLength;

    /**
     * A reader over {@code body}.
     *
     * @param body the HTTP 200 event-stream body
     * @param maxBytes the most bytes the whole stream may have
     * @param decoder decodes one event's data
     * @param errors maps an error found in the stream
     */
    public StreamReplyReader(InputStream body, long maxBytes, ChunkDecoder decoder, ErrorBodyMapper errors) {
        this.sse = new SseReader(body, maxBytes);
        this.maxBytes = maxBytes;
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * The next chunk.
     *
     * @return the decoded event, or empty when the body ended normally (which does not mean the
     *     stream was complete: the aggregator says whether a finish reason came)
     * @throws ImageGenerationException for an error in the stream (mapped), a malformed event, or a
     *     stream over the size cap
     * @throws IOException if reading the body fails
     */
    public Optional<GenerationResult> next() throws IOException {
        while (true) {
            Optional<InputStream> event = sse.nextEvent();
            if (event.isEmpty()) {
                Optional<byte[]> stray = sse.strayJson();
                if (stray.isPresent()) {
                    throw errors.map(stray.get(), chunks);
                }
                return Optional.empty();
            }
            InputStream data = event.get();
            byte[] prefix = new byte[LONGEST_KEY + 8];
            Kind kind = peek(data, prefix);
            if (kind == Kind.BLANK) {
                continue;
            }
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(prefix, 0, prefixLength), data);
            if (kind == Kind.ERROR) {
                throw errors.map(readBounded(whole), chunks);
            }
            GenerationResult chunk = decoder.decode(whole, maxBytes);
            chunks++;
            return Optional.of(chunk);
        }
    }

    /** How many chunks were decoded. */
    public int chunks() {
        return chunks;
    }

    /** How many bytes were read from the body. */
    public long bytesRead() {
        return sse.bytesRead();
    }

    private enum Kind { BLANK, ERROR, CHUNK }

    /** Reads just enough of the event to tell an error from a chunk, keeping the bytes read in {@code prefix}. */
    private Kind peek(InputStream data, byte[] prefix) throws IOException {
        prefixLength = 0;
        int c = skipSpace(data, prefix);
        if (c < 0) {
            return Kind.BLANK;
        }
        if (c == '[') {
            return Kind.ERROR;
        }
        if (c != '{') {
            return Kind.CHUNK;
        }
        if (skipSpace(data, prefix) != '"') {
            return Kind.CHUNK;
        }
        int keyStart = prefixLength;
        while (prefixLength < prefix.length) {
            int k = data.read();
            if (k < 0) {
                return Kind.CHUNK;
            }
            prefix[prefixLength++] = (byte) k;
            if (k == '"') {
                byte[] key = Arrays.copyOfRange(prefix, keyStart, prefixLength - 1);
                return Arrays.equals(key, "error".getBytes(StandardCharsets.US_ASCII)) ? Kind.ERROR : Kind.CHUNK;
            }
        }
        return Kind.CHUNK;
    }

    /** The next byte that is not JSON whitespace (kept in {@code prefix} while room lasts), or -1. */
    private int skipSpace(InputStream data, byte[] prefix) throws IOException {
        while (true) {
            int c = data.read();
            if (c < 0) {
                return -1;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                if (prefixLength == prefix.length) {
                    throw new IllegalStateException("prefix full");
                }
                prefix[prefixLength++] = (byte) c;
                return c;
            }
        }
    }

    private byte[] readBounded(InputStream in) throws IOException {
        byte[] out = new byte[1024];
        int n = 0;
        while (n < SseReader.MAX_STRAY_BYTES) {
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(SseReader.MAX_STRAY_BYTES, out.length * 2));
            }
            int r = in.read(out, n, out.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public String toString() {
        return "StreamReplyReader[" + chunks + " chunks, " + sse.bytesRead() + " bytes]";
    }
}
