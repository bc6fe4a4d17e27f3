package io.github.geminiimage.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body that is produced while it is sent, with its exact length known before the first
 * byte. Repeatable: {@link #writeTo} may be called once per attempt and writes the same bytes each
 * time. Thread-safe for sequential attempts; one write at a time.
 */
public interface RequestBody {

    /** The exact number of bytes {@link #writeTo} writes; sent as {@code Content-Length}. */
    long contentLength();

    /**
     * Writes the whole body to {@code out} (does not close it).
     *
     * @throws IOException if writing fails, or if a file the body streams from changed since the
     *     request was built (then the message says so and nothing more is written)
     */
    void writeTo(OutputStream out) throws IOException;

    /**
     * Writes {@code body} to {@code out} (without closing it), checking that it writes exactly
     * {@link RequestBody#contentLength()} bytes: a longer body fails before its extra bytes reach
     * {@code out}, a shorter one once {@code writeTo} returns (the server would otherwise wait for
     * bytes that never come).
     *
     * @throws IOException if {@code writeTo} fails, or the body is longer or shorter than declared
     */
    static void writeExactly(RequestBody body, OutputStream out) throws IOException {
        long declared = body.contentLength();
        long[] written = {0};
        body.writeTo(new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written[0] + len > declared) {
                    throw new IOException("the request body wrote more than the " + declared + " bytes it declared");
                }
                written[0] += len;
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // The stream belongs to the transport.
            }
        });
        if (written[0] != declared) {
            throw new IOException("the request body wrote " + written[0] + " bytes but declared " + declared);
        }
    }

    /** A body of a copy of {@code bytes}, written whole on each attempt. */
    static RequestBody ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new RequestBody() {
            @Override
            public long contentLength() {
                return copy.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(copy);
            }
        };
    }
}
