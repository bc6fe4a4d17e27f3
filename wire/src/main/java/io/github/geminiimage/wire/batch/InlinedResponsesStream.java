package io.github.geminiimage.wire.batch;

import io.github.geminiimage.wire.internal.codec.JsonPull;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The elements of an {@code inlinedResponses} array, as the pull reader reaches them, turned into JSONL:
 * each element's raw bytes followed by a line break, so that {@code BatchResultReader} reads inline
 * responses exactly as it reads a results file, one at a time. Closing it closes the reply it reads.
 * Not thread-safe.
 */
final class InlinedResponsesStream extends InputStream {

    private final JsonPull scanner;
    private final Closeable reply;
    private InputStream element;
    private boolean ended;

    /** Reads from {@code scanner}, which stands before the array's first element; {@code reply} is closed with this stream. */
    InlinedResponsesStream(JsonPull scanner, Closeable reply) {
        this.scanner = scanner;
        this.reply = reply;
    }

    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (ended) {
                return -1;
            }
            if (element == null) {
                if (!scanner.nextElement()) {
                    ended = true; // the rest of the operation (the mirror of the same responses) is never read
                    return -1;
                }
                element = scanner.valueStream();
            }
            int n = element.read(buffer, offset, length);
            if (n >= 0) {
                return n;
            }
            element = null;
            buffer[offset] = '\n';
            return 1;
        }
    }

    @Override
    public void close() throws IOException {
        ended = true;
        reply.close();
    }
}
