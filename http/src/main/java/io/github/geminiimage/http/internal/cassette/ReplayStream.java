package io.github.geminiimage.http.internal.cassette;

import io.github.geminiimage.http.support.BlockInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;

/**
 * A stored body read back byte for byte: literal segments as UTF-8, payloads re-encoded as base64
 * from their files a chunk at a time (so a 19 MB image never sits in memory whole), then the
 * recorded read failure, if there was one. Not thread-safe, except {@link #close()}.
 */
final class ReplayStream extends BlockInputStream {

    private static final int CHUNK = 48 * 1024; // a multiple of 3: no padding inside the stream

    private final Path folder;
    private final Iterator<InputStream> parts;
    private final Optional<Documents.Failure> failure;
    private InputStream current = InputStream.nullInputStream();
    private volatile boolean closed;

    ReplayStream(Path folder, StoredBody body, Optional<Documents.Failure> failure) {
        this.folder = folder;
        this.failure = failure;
        this.parts = parts(body);
    }

    private Iterator<InputStream> parts(StoredBody body) {
        if (body instanceof StoredBody.Binary binary) {
            return java.util.List.<InputStream>of(new LazyFile(binary.sha256(), false, false)).iterator();
        }
        if (body instanceof StoredBody.Text text) {
            return text.segments().stream().map(segment -> segment instanceof StoredBody.Literal literal
                    ? (InputStream) new ByteArrayInputStream(literal.text().getBytes(StandardCharsets.UTF_8))
                    : new LazyFile(((StoredBody.Payload) segment).sha256(), true,
                            ((StoredBody.Payload) segment).urlSafe())).iterator();
        }
        return java.util.Collections.emptyIterator();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the replayed body was closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = current.read(b, off, len);
            if (n > 0) {
                return n;
            }
            current.close();
            if (!parts.hasNext()) {
                current = InputStream.nullInputStream();
                if (failure.isPresent()) {
                    throw Failures.replay(failure.get());
                }
                return -1;
            }
            current = parts.next();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        current.close();
    }

    /** A payload or binary file, opened when first read and, for a payload, base64-encoded on the fly. */
    private final class LazyFile extends BlockInputStream {
        private final String sha256;
        private final boolean encode;
        private final boolean urlSafe;
        private InputStream file;
        private byte[] pending = new byte[0];
        private int pendingAt;

        LazyFile(String sha256, boolean encode, boolean urlSafe) {
            this.sha256 = sha256;
            this.encode = encode;
            this.urlSafe = urlSafe;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (file == null) {
                file = Files.newInputStream(CassetteFolder.payloadFile(folder, sha256));
            }
            if (!encode) {
                return file.read(b, off, len);
            }
            if (pendingAt == pending.length) {
                byte[] raw = file.readNBytes(CHUNK);
                if (raw.length == 0) {
                    return -1;
                }
                pending = (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).encode(raw);
                pendingAt = 0;
            }
            int n = Math.min(len, pending.length - pendingAt);
            System.arraycopy(pending, pendingAt, b, off, n);
            pendingAt += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}
