package io.github.geminiimage.http.support;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream defined by its block read, for a transport's reply body and the core's streams
 * over it: a single-byte read, a skip and the array reads all go through
 * {@link #read(byte[], int, int)}, so a stream that counts, caps or copies what passes sees every
 * byte. No mark (the {@link InputStream} default). One reader at a time.
 */
public abstract class BlockInputStream extends InputStream {

    private final byte[] one = new byte[1];

    /** For subclasses. */
    protected BlockInputStream() {
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    /**
     * A block stream over another stream, which closing it closes. Unlike a
     * {@link java.io.FilterInputStream}, nothing reaches {@link #in} except through
     * {@link #read(byte[], int, int)}: not a skip, not a mark.
     */
    public abstract static class Filter extends BlockInputStream {

        /** The stream read from. */
        protected final InputStream in;

        /** A filter of {@code in}. */
        protected Filter(InputStream in) {
            this.in = in;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
