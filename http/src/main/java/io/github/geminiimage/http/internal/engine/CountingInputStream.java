package io.github.geminiimage.http.internal.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes read from a reply body into a shared counter. */
public final class CountingInputStream extends FilterInputStream {

    private final AtomicLong counter;

    /** Wraps {@code in}, adding every byte read to {@code counter}. */
    public CountingInputStream(InputStream in, AtomicLong counter) {
        super(in);
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counter.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counter.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counter.addAndGet(Math.max(0, skipped));
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
