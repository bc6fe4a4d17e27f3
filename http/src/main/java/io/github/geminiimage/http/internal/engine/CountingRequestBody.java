package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.internal.error.RequestBodyException;
import io.github.geminiimage.http.RequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a {@link RequestBody}: counts the bytes the transport accepted, and tells a failure of the
 * body itself ({@link RequestBodyException}, not retried) from a failure of the connection it is
 * written to (passed through as is). Thread-safe for sequential attempts.
 */
public final class CountingRequestBody implements RequestBody {

    private final RequestBody delegate;
    private final AtomicLong written = new AtomicLong();

    /** Wraps {@code delegate}. */
    public CountingRequestBody(RequestBody delegate) {
        this.delegate = delegate;
    }

    /** Bytes written over all attempts so far. */
    public long bytesWritten() {
        return written.get();
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Sink sink = new Sink(out);
        try {
            delegate.writeTo(sink);
        } catch (IOException e) {
            if (sink.failure == e) {
                throw e;
            }
            throw new RequestBodyException(e);
        }
    }

    /** Counts what passes and remembers the connection's own failure. */
    private final class Sink extends OutputStream {
        private final OutputStream out;
        private IOException failure;

        Sink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            written.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            written.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            // The transport owns the stream; the body must not close it (RequestBody#writeTo).
            flush();
        }
    }

    @Override
    public String toString() {
        return "CountingRequestBody[" + contentLength() + " bytes]";
    }
}
