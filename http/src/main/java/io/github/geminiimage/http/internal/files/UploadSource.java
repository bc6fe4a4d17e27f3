package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.http.RequestBody;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The content of one upload, read chunk by chunk straight into the connection through a 64 KiB
 * buffer (memory does not grow with the file) and hashed on the way. A file is read with positional
 * reads, so a resumed upload can start again at any offset; its size is checked before every chunk
 * and before the last bytes go out, so a file that changes size fails the upload rather than store
 * something else. A stream is read once, front to back: it can only continue from where it is.
 * Each byte enters the SHA-256 once, the first time it is read, so re-sent bytes do not count twice.
 * Chunks are written one at a time (the methods are synchronized: transports write on their own threads).
 */
final class UploadSource implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final FileUpload upload;
    private final long total;
    private final FileChannel channel;
    private final InputStream stream;
    private final MessageDigest digest = Sha256.newDigest();
    private long hashed;
    private long streamPosition;
    private volatile ImageGenerationException failure;

    private UploadSource(FileUpload upload, FileChannel channel, InputStream stream) {
        this.upload = upload;
        this.total = upload.sizeBytes();
        this.channel = channel;
        this.stream = stream;
    }

    /**
     * Opens the upload's content.
     *
     * @throws InvalidRequestException if the file is gone or unreadable, or the stream was sent already
     */
    static UploadSource open(FileUpload upload) {
        Optional<Path> file = upload.file();
        try {
            if (file.isPresent()) {
                FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ);
                long size = channel.size();
                if (size != upload.sizeBytes()) {
                    channel.close();
                    throw new InvalidRequestException("file", upload.describe() + " changed size since the upload was built: it had "
                            + upload.sizeBytes() + " bytes and has " + size + " now", (Throwable) null);
                }
                return new UploadSource(upload, channel, null);
            }
            return new UploadSource(upload, null, upload.openStream());
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException("file", upload.describe() + " does not exist (any more)", e);
        } catch (IOException e) {
            throw new InvalidRequestException("file", upload.describe() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The size of the whole upload. */
    long total() {
        return total;
    }

    /** Whether the next chunk may start at {@code offset}: always for a file, only where it is for a stream. */
    synchronized boolean canContinueFrom(long offset) {
        return channel != null || offset == streamPosition;
    }

    /** Whether the content can be read again from any offset. */
    boolean isRewindable() {
        return channel != null;
    }

    /** What went wrong with the content itself while a chunk was written, if anything. */
    Optional<ImageGenerationException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The digest of the whole content; call once every byte was read. */
    synchronized Sha256 sha256() {
        if (hashed != total) {
            throw new IllegalStateException("hashed " + hashed + " of " + total + " bytes");
        }
        return Sha256.ofBytes(((MessageDigest) cloneDigest()).digest());
    }

    private Object cloneDigest() {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }

    /** A body writing bytes {@code [offset, offset + length)}; {@code length} may be 0 only at the end. */
    RequestBody chunk(long offset, long length) {
        return new RequestBody() {
            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                write(offset, length, out);
            }

            @Override
            public String toString() {
                return "UploadChunk[" + offset + "+" + length + "]";
            }
        };
    }

    private synchronized void write(long offset, long length, OutputStream out) throws IOException {
        if (failure != null) {
            throw new IOException("the upload's content failed already");
        }
        boolean last = offset + length == total;
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        long position = offset;
        long end = offset + length;
        if (channel != null) {
            checkSize();
        } else if (offset != streamPosition) {
            throw fail(new IllegalStateException("a stream upload cannot go back to byte " + offset));
        }
        while (position < end) {
            int want = (int) Math.min(buffer.length, end - position);
            int n = read(buffer, want, position);
            if (position + n == total && last) {
                // Checked before the last bytes leave: a failure now keeps the server from finalizing.
                checkEnd();
            }
            if (position + n > hashed) {
                int skip = (int) (hashed - position);
                digest.update(buffer, skip, n - skip);
                hashed = position + n;
            }
            out.write(buffer, 0, n);
            position += n;
        }
        if (length == 0 && last) {
            checkEnd();
        }
    }

    private int read(byte[] buffer, int want, long position) throws IOException {
        if (channel != null) {
            int n;
            try {
                n = channel.read(ByteBuffer.wrap(buffer, 0, want), position);
            } catch (IOException e) {
                throw fail(new InvalidRequestException("file", upload.describe() + " could not be read during the upload: "
                        + e.getMessage(), e));
            }
            if (n <= 0) {
                checkSize();
                throw fail(new InvalidRequestException("file", upload.describe() + " ended at byte " + position
                        + " during the upload; it had " + total + " bytes when the upload was built", (Throwable) null));
            }
            return n;
        }
        int n;
        try {
            n = stream.read(buffer, 0, want);
        } catch (IOException e) {
            throw fail(new InvalidRequestException("stream", "the upload's stream failed after " + streamPosition
                    + " bytes: " + e.getMessage(), e));
        }
        if (n < 0) {
            throw fail(new InvalidRequestException("sizeBytes", "the upload's stream ended after " + streamPosition
                    + " bytes; " + total + " were declared", (Throwable) null));
        }
        streamPosition += n;
        return n;
    }

    /** The file still has its size; the stream holds nothing past the declared length. */
    private void checkEnd() throws IOException {
        if (channel != null) {
            checkSize();
            return;
        }
        int extra;
        try {
            extra = stream.read();
        } catch (IOException e) {
            throw fail(new InvalidRequestException("stream", "the upload's stream failed at its end: " + e.getMessage(), e));
        }
        if (extra >= 0) {
            throw fail(new InvalidRequestException("sizeBytes", "the upload's stream holds more than the " + total
                    + " bytes declared", (Throwable) null));
        }
    }

    private void checkSize() throws IOException {
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            throw fail(new InvalidRequestException("file", upload.describe() + " could not be read during the upload: "
                    + e.getMessage(), e));
        }
        if (size != total) {
            throw fail(new InvalidRequestException("file", upload.describe() + " changed size during the upload: it had "
                    + total + " bytes when the upload was built and has " + size + " now", (Throwable) null));
        }
    }

    /** Remembers the content's own failure and gives the transport an I/O failure to abort the chunk with. */
    private IOException fail(RuntimeException problem) {
        if (problem instanceof ImageGenerationException e) {
            failure = e;
        } else {
            failure = new InvalidRequestException("stream", problem.getMessage(), problem);
        }
        return new IOException("the upload's content failed: " + failure.getMessage());
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // A read-only channel: nothing is lost by a failed close.
            }
        }
    }
}
