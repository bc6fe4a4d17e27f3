package io.github.geminiimage.tck;

import io.github.geminiimage.http.RequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A request body of {@code length} deterministic bytes, written in 64 KiB slices, whose SHA-256 is
 * known without holding it: lets a suite check that every byte arrived, in order, without a 28 MB
 * array. Subclasses may hook {@link #beforeSlice(long)} to pause or fail in the middle.
 */
public class PatternBody implements RequestBody {

    private static final int SLICE = 64 * 1024;
    private final long length;

    /** A body of {@code length} bytes. */
    public PatternBody(long length) {
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] slice = new byte[SLICE];
        for (long offset = 0; offset < length; offset += SLICE) {
            beforeSlice(offset);
            int n = (int) Math.min(SLICE, length - offset);
            fill(slice, offset, n);
            out.write(slice, 0, n);
        }
    }

    /** Called before the slice starting at {@code offset} is written. */
    protected void beforeSlice(long offset) throws IOException {
    }

    /** The SHA-256 of the whole body, in lower-case hex. */
    public String sha256() {
        MessageDigest sha = RawHttpServer.sha256();
        byte[] slice = new byte[SLICE];
        for (long offset = 0; offset < length; offset += SLICE) {
            int n = (int) Math.min(SLICE, length - offset);
            fill(slice, offset, n);
            sha.update(slice, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void fill(byte[] slice, long offset, int n) {
        for (int i = 0; i < n; i++) {
            long p = offset + i;
            slice[i] = (byte) (p * 31 + (p >>> 11));
        }
    }
}
