package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.http.support.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Splits a {@code text/event-stream} body into events (docs/wire-format.md, "Streaming") without ever
 * holding an event as text: {@link #nextEvent()} hands out the event's data as an
 * {@link InputStream} that reads straight from the body (an image event can be 30 MB on one line).
 * At most {@code maxBytes} are read from the body over the whole stream; more fails with
 * {@link ResponseTooLargeException}. Not thread-safe; does not close the body.
 */
public final class SseReader {

    /** The most JSON kept from outside the framing: an error object, never a payload. */
    public static final int MAX_STRAY_BYTES = 64 * 1024;

    private static final int CR = '\r';
    private static final int LF = '\n';
    private static final int LONGEST_FIELD = 5;

    private enum State { BETWEEN_EVENTS, LINE_START_IN_EVENT, IN_DATA_VALUE, STRAY, END }

    private final InputStream body;
    private final long maxBytes;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private long total;
    private boolean skipLf;

    private State state = State.BETWEEN_EVENTS;
    private EventData current;
    private byte[] stray;
    private int strayLength;
    private int events;

    /**
     * A reader over {@code body}.
     *
     * @param body the reply body of an HTTP 200 {@code text/event-stream}
     * @param maxBytes the most bytes to read from it in all
     */
    public SseReader(InputStream body, long maxBytes) {
        this.body = Objects.requireNonNull(body, "body");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The data of the next event; the previous event's data, if not read to its end, is skipped.
     * The data ends where the event ends, the values of several {@code data:} lines joined with
     * {@code "\n"}; the event is handed out as soon as its blank line arrived, and nothing past it is
     * read before the next call.
     *
     * <p>Accepts CRLF, LF and CR line ends, mixed; {@code :} comments; {@code event:}, {@code id:},
     * {@code retry:} and unknown fields (ignored); an optional space after {@code data:}; events with
     * no data (not dispatched); a last event the body ends without a blank line after. A line that
     * starts with <code>&#123;</code> or {@code [} outside any field is JSON sent outside SSE framing,
     * as Google does with an error after the last event (vector 19): the rest of the body, up to
     * {@link #MAX_STRAY_BYTES}, is kept for {@link #strayJson()} and no further event is dispatched.
     *
     * @return the data, to be read before the next call; empty when the body ended (or JSON
     *     outside the framing began: see {@link #strayJson()})
     * @throws ResponseTooLargeException if the body has more than {@code maxBytes}
     * @throws IOException if reading the body fails
     */
    public Optional<InputStream> nextEvent() throws IOException {
        if (current != null) {
            current.skipRest();
            current = null;
        }
        while (state == State.BETWEEN_EVENTS) {
            Line line = lineStart();
            switch (line) {
                case END -> state = State.END;
                case DATA -> {
                    current = new EventData();
                    events++;
                    return Optional.of(current);
                }
                case STRAY -> readStray();
                default -> {
                    // a blank line, a comment or a field other than data: nothing to dispatch
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The JSON that followed the events outside SSE framing, at most {@link #MAX_STRAY_BYTES};
     * known only once {@link #nextEvent()} returned empty.
     */
    public Optional<byte[]> strayJson() {
        return stray == null ? Optional.empty() : Optional.of(Arrays.copyOf(stray, strayLength));
    }

    /** How many events were handed out. */
    public int events() {
        return events;
    }

    /** How many bytes were read from the body. */
    public long bytesRead() {
        return total;
    }

    private enum Line { END, BLANK, DATA, SKIPPED, STRAY }

    /**
     * Reads the start of a line and says what it is. After {@code DATA} the position is at the
     * value (the optional space skipped) or, for a bare {@code data} line, past its end; after
     * {@code STRAY} the first byte of the line is kept in {@link #stray}; otherwise past the line.
     */
    private Line lineStart() throws IOException {
        if (!consumeSkippedLf() || !ensure()) {
            return Line.END;
        }
        int first = buf[pos] & 0xff;
        if (first == CR || first == LF) {
            endLine(first);
            return Line.BLANK;
        }
        if (first == ':') {
            skipLine();
            return Line.SKIPPED;
        }
        byte[] name = new byte[LONGEST_FIELD];
        int n = 0;
        while (ensure()) {
            int c = buf[pos] & 0xff;
            if (n == 0 && (c == ' ' || c == '\t')) {
                pos++;
                continue;
            }
            if (n == 0 && (c == '{' || c == '[')) {
                stray = new byte[1024];
                return Line.STRAY;
            }
            if (c == ':' || c == CR || c == LF || n == LONGEST_FIELD) {
                break;
            }
            name[n++] = (byte) c;
            pos++;
        }
        boolean isData = n == 4 && name[0] == 'd' && name[1] == 'a' && name[2] == 't' && name[3] == 'a';
        if (!isData) {
            skipLine();
            return Line.SKIPPED;
        }
        if (!ensure()) {
            return Line.DATA;
        }
        int c = buf[pos] & 0xff;
        if (c == ':') {
            pos++;
            if (ensure() && buf[pos] == ' ') {
                pos++;
            }
            state = State.IN_DATA_VALUE;
        } else if (c == CR || c == LF) {
            endLine(c);
            state = State.LINE_START_IN_EVENT;
        } else {
            // "dataX...": an unknown field
            skipLine();
            return Line.SKIPPED;
        }
        return Line.DATA;
    }

    /** Keeps the rest of the body (bounded) as stray JSON; no event follows. */
    private void readStray() throws IOException {
        state = State.STRAY;
        while (ensure()) {
            int n = lim - pos;
            int room = MAX_STRAY_BYTES - strayLength;
            int keep = Math.min(n, room);
            if (keep > 0) {
                if (strayLength + keep > stray.length) {
                    stray = Arrays.copyOf(stray, Math.min(MAX_STRAY_BYTES, Math.max(stray.length * 2, strayLength + keep)));
                }
                System.arraycopy(buf, pos, stray, strayLength, keep);
                strayLength += keep;
            }
            pos = lim;
        }
        state = State.END;
    }

    private void skipLine() throws IOException {
        while (ensure()) {
            for (int i = pos; i < lim; i++) {
                int c = buf[i] & 0xff;
                if (c == CR || c == LF) {
                    pos = i;
                    endLine(c);
                    return;
                }
            }
            pos = lim;
        }
    }

    /** Consumes the line end at {@code pos}; after a CR, a following LF is dropped when it comes. */
    private void endLine(int c) {
        pos++;
        skipLf = c == CR;
    }

    /** Drops the LF of a CRLF whose CR ended the previous line; false at the end of the body. */
    private boolean consumeSkippedLf() throws IOException {
        if (skipLf) {
            if (!ensure()) {
                return false;
            }
            skipLf = false;
            if (buf[pos] == LF) {
                pos++;
            }
        }
        return true;
    }

    /** Whether a byte is available at {@code pos}, reading more of the body if needed. */
    private boolean ensure() throws IOException {
        while (pos == lim) {
            if (eof) {
                return false;
            }
            int n = body.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            lim = n;
            total += n;
            if (total > maxBytes) {
                throw new ResponseTooLargeException("the stream has more than the limit of " + maxBytes
                        + " bytes (after " + events + " events)",
                        new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, Optional.empty()));
            }
        }
        return true;
    }

    /** The data of one event, read straight from the body's buffer. */
    private final class EventData extends BlockInputStream {
        private boolean ended;
        private boolean newlinePending;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (!ended) {
                if (newlinePending) {
                    newlinePending = false;
                    b[off] = LF;
                    return 1;
                }
                if (state == State.IN_DATA_VALUE) {
                    if (!ensure()) {
                        finish(State.END);
                        return -1;
                    }
                    int end = Math.min(lim, pos + len);
                    int i = pos;
                    while (i < end && buf[i] != CR && buf[i] != LF) {
                        i++;
                    }
                    int n = i - pos;
                    System.arraycopy(buf, pos, b, off, n);
                    pos = i;
                    if (i < end) {
                        endLine(buf[i]);
                        state = State.LINE_START_IN_EVENT;
                    }
                    if (n > 0) {
                        return n;
                    }
                    continue;
                }
                nextLineInEvent();
            }
            return -1;
        }

        /** At a line start inside the event: another data line continues it; a blank line ends it. */
        private void nextLineInEvent() throws IOException {
            Line line = lineStart();
            switch (line) {
                case END -> finish(State.END);
                case BLANK -> finish(State.BETWEEN_EVENTS);
                case DATA -> newlinePending = true;
                case STRAY -> {
                    // JSON right after a data line, with no blank line between: the event ends here.
                    finish(State.BETWEEN_EVENTS);
                    readStray();
                }
                default -> state = State.LINE_START_IN_EVENT;
            }
        }

        private void finish(State next) {
            ended = true;
            state = next;
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
