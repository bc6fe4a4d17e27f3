package io.github.geminiimage.adapter.httpclient5.internal;

import io.github.geminiimage.http.RequestBody;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request entity that produces its bytes while they are sent, by delegating to
 * {@link RequestBody#writeTo}; never chunked, its exact length known up front.
 */
public final class RequestBodyEntity extends AbstractHttpEntity {

    private final RequestBody body;
    private final boolean repeatable;

    /**
     * @param repeatable what the entity tells HttpClient; {@code false} stops every HttpClient layer
     *     (retry, redirect, auth replay) from sending it twice, which matters for a client the caller
     *     built with its automatic retries on
     */
    public RequestBodyEntity(RequestBody body, boolean repeatable) {
        // No content type: the core sends Content-Type among the request headers.
        super((String) null, null, false);
        this.body = Objects.requireNonNull(body, "body");
        this.repeatable = repeatable;
    }

    @Override
    public long getContentLength() {
        return body.contentLength();
    }

    @Override
    public boolean isRepeatable() {
        return repeatable;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    /** Not supported: the body is written, never read; HttpClient's classic path only calls {@link #writeTo}. */
    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("a RequestBody is written with writeTo, not read");
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        long declared = body.contentLength();
        CountingOutputStream counting = new CountingOutputStream(out, declared);
        body.writeTo(counting);
        if (counting.count != declared) {
            // A short body would leave the server waiting for bytes that never come.
            throw new IllegalStateException("RequestBody wrote " + counting.count + " bytes but declared " + declared);
        }
    }

    @Override
    public void close() {
        // Nothing held: the body is produced on demand.
    }

    /** Counts bytes and refuses to write past the declared length. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final long limit;
        private long count;

        CountingOutputStream(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            advance(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            advance(len);
            out.write(b, off, len);
        }

        private void advance(int n) {
            if (count + n > limit) {
                throw new IllegalStateException("RequestBody wrote more than the " + limit + " bytes it declared");
            }
            count += n;
        }

        @Override
        public void close() {
            // The connection's stream belongs to HttpClient.
        }
    }
}
