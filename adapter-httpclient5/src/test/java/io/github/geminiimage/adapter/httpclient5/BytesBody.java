package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.RequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A body written in 64 KiB pieces, counting how often it was written; may lie about its length. */
final class BytesBody implements RequestBody {

    private final byte[] bytes;
    private final long declaredLength;
    final AtomicInteger writes = new AtomicInteger();

    BytesBody(byte[] bytes) {
        this(bytes, bytes.length);
    }

    BytesBody(byte[] bytes, long declaredLength) {
        this.bytes = bytes;
        this.declaredLength = declaredLength;
    }

    @Override
    public long contentLength() {
        return declaredLength;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writes.incrementAndGet();
        for (int off = 0; off < bytes.length; off += 65536) {
            out.write(bytes, off, Math.min(65536, bytes.length - off));
        }
    }
}
