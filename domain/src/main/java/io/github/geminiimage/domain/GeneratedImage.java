package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An image in a reply (or replayed from one): its MIME type, its bytes, and its pixel size read
 * from the PNG, JPEG or WebP header. Immutable and thread-safe: {@link #bytes()} returns a copy.
 * Two kinds hold no bytes in memory: an image <em>by reference</em> ({@link #isReference()}, e.g.
 * in Cloud Storage when a Vertex AI request set {@link VertexOptions#outputUriPrefix()}), which has
 * a {@link #uri()} instead, and an image a request's {@link ImageSink} wrote, which
 * {@link #written()} describes; {@link #bytes()} says what the accessors of the bytes do for them.
 */
public final class GeneratedImage {

    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private final String mimeType;
    private final byte[] bytes;
    // The image is bytes[0, length): a decoder may hand over an array a little longer than the image.
    private final int length;
    private final PixelSize pixels;
    // Set only for an image by reference, which has no bytes (an empty array).
    private final URI uri;
    // Set instead of bytes for an image a sink wrote.
    private final WrittenImage written;

    private GeneratedImage(String mimeType, byte[] bytes, int length) {
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.bytes = bytes;
        this.length = length;
        this.pixels = ImageHeaders.pixelSize(bytes, length).orElse(null);
        this.uri = null;
        this.written = null;
    }

    private GeneratedImage(WrittenImage written) {
        this.written = Objects.requireNonNull(written, "written");
        this.mimeType = written.mimeType();
        this.bytes = new byte[0];
        this.length = (int) Math.min(Integer.MAX_VALUE, written.byteCount());
        this.pixels = written.pixelSize().orElse(null);
        this.uri = null;
    }

    /** An image that an {@link ImageSink} wrote: it holds no bytes, only their description. */
    public static GeneratedImage ofWritten(WrittenImage written) {
        return new GeneratedImage(written);
    }

    /** Where a sink wrote this image; empty for an image held in memory or by reference. */
    public Optional<WrittenImage> written() {
        return Optional.ofNullable(written);
    }

    private GeneratedImage(String mimeType, URI uri) {
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.bytes = new byte[0];
        this.length = 0;
        this.pixels = null;
        this.written = null;
    }

    /**
     * An image by reference: the reply named where the image is ({@code fileData.fileUri}, e.g.
     * {@code gs://bucket/prefix/...png}) instead of carrying its bytes.
     *
     * @throws IllegalArgumentException if the URI is not absolute
     */
    public static GeneratedImage ofReference(String mimeType, URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("fileUri " + uri + " must be an absolute URI such as gs://bucket/name.png");
        }
        return new GeneratedImage(mimeType, uri);
    }

    /** Whether the reply gave this image by reference ({@code fileData}): a {@link #uri()} and no bytes. */
    public boolean isReference() {
        return uri != null;
    }

    /** Where the image is, for an image by reference; empty for an image whose bytes came in the reply. */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    private Path file() {
        return written.path().orElseThrow(() -> new IllegalStateException("the image (" + length + " bytes of " + mimeType
                + ") went to a sink that kept no file of it: its bytes are not held"));
    }

    private void requireBytes(String accessor) {
        if (uri != null) {
            throw new IllegalStateException(accessor + ": the image came by reference, not as bytes; it is at " + uri
                    + " (read it from there, e.g. with gcloud storage cp or a Cloud Storage client)");
        }
    }

    /** An image from bytes, copied. */
    public static GeneratedImage of(String mimeType, byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        return new GeneratedImage(mimeType, copy, copy.length);
    }

    /**
     * An image that takes ownership of {@code bytes} without copying, for decoders that have just
     * filled the array: a multi-megabyte copy per reply is what this avoids. The caller must never
     * change or hand out the array afterwards.
     */
    public static GeneratedImage ofOwnedBytes(String mimeType, byte[] bytes) {
        return new GeneratedImage(mimeType, Objects.requireNonNull(bytes, "bytes"), bytes.length);
    }

    /**
     * Like {@link #ofOwnedBytes(String, byte[])}, for an image that is the first {@code length}
     * bytes of {@code bytes}: a streaming decoder sizes its array from an upper bound before the
     * image ends, and trimming it would copy the whole image once more.
     *
     * @throws IllegalArgumentException if {@code length} is negative or beyond the array
     */
    public static GeneratedImage ofOwnedBytes(String mimeType, byte[] bytes, int length) {
        Objects.requireNonNull(bytes, "bytes");
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " is outside the array of " + bytes.length + " bytes");
        }
        return new GeneratedImage(mimeType, bytes, length);
    }

    /** The MIME type as the server sent it, e.g. {@code image/png}. */
    public String mimeType() {
        return mimeType;
    }

    /** The media type, if the MIME type is one this library knows. */
    public Optional<MediaType> mediaType() {
        return MediaType.fromMimeType(mimeType);
    }

    /**
     * A copy of the image's bytes. An image a sink wrote to a file reads them back from it, as do
     * {@link #openStream()} and the {@code writeTo} methods.
     *
     * @throws IllegalStateException naming the URI for an image by reference, which has none (fetch
     *     it from there), and for an image that went to a caller's stream or was not kept
     */
    public byte[] bytes() {
        requireBytes("bytes()");
        if (written != null) {
            try {
                return Files.readAllBytes(file());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file() + ": " + e.getMessage(), e);
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    /** The number of bytes; 0 for an image by reference. */
    public int size() {
        return length;
    }

    /**
     * Reads the bytes without copying them (from its file, for an image a sink wrote).
     *
     * @throws IllegalStateException for an image by reference, or one that went to a caller's stream
     *     or was not kept
     */
    public InputStream openStream() {
        requireBytes("openStream()");
        if (written != null) {
            try {
                return Files.newInputStream(file());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file() + ": " + e.getMessage(), e);
            }
        }
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /**
     * Writes the bytes to a stream without copying them.
     *
     * @throws IllegalStateException for an image by reference
     */
    public void writeTo(OutputStream out) throws IOException {
        requireBytes("writeTo(OutputStream)");
        if (written != null) {
            Files.copy(file(), out);
            return;
        }
        out.write(bytes, 0, length);
    }

    /** The pixel size from the image header, if the format is PNG, JPEG or WebP and the header is sound. */
    public Optional<PixelSize> pixelSize() {
        return Optional.ofNullable(pixels);
    }

    /**
     * This image as an input for a later request (shares the bytes, which neither side changes); an
     * image by reference becomes a reference input ({@link ImageInput#ofUri}) to the same URI.
     */
    public ImageInput asInput() {
        if (uri != null) {
            MediaType type = MediaType.fromMimeType(mimeType).orElseThrow(() -> new InvalidRequestException("images",
                    "image of type " + mimeType + " is not a PNG, JPEG, WebP, HEIC or HEIF image", (Throwable) null));
            return ImageInput.ofUri(uri, type);
        }
        if (written != null) {
            return ImageInput.ofFile(file());
        }
        MediaType type = MediaType.sniff(bytes, length).orElseThrow(() -> new InvalidRequestException("images",
                "image of type " + mimeType + " is not a PNG, JPEG, WebP, HEIC or HEIF image", (Throwable) null));
        return ImageInput.wrapOwned(length == bytes.length ? bytes : Arrays.copyOf(bytes, length), type);
    }

    /**
     * Writes the image to {@code target} atomically, replacing any file there: the bytes go to a
     * temporary file in the same folder which is then moved into place, so {@code target} never
     * holds a partial image. The temporary file is removed if anything fails.
     */
    public void writeTo(Path target) throws IOException {
        write(target, true);
    }

    /**
     * Like {@link #writeTo(Path)}, but fails with {@link FileAlreadyExistsException} instead of
     * replacing an existing file.
     */
    public void writeToNewFile(Path target) throws IOException {
        write(target, false);
    }

    private void write(Path target, boolean replace) throws IOException {
        requireBytes("writeTo(" + target + ")");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!replace && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        // Not Files.createTempFile: it makes the file rw------- and the image would keep that; a
        // fresh name opened with CREATE_NEW gets the permissions the umask gives any new file.
        Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(TEMP_NAMES.nextLong(), 36) + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeTo(out);
            }
            if (replace) {
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                // A hard link is created atomically and fails if the target exists: no race with another writer.
                try {
                    Files.createLink(absolute, temp);
                } catch (UnsupportedOperationException e) {
                    Files.move(temp, absolute);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Equal when the MIME type, the URI of a reference and every byte are equal. */
    @Override
    public boolean equals(Object other) {
        if (other instanceof GeneratedImage that && (written != null || that.written != null)) {
            return Objects.equals(written, that.written);
        }
        return other instanceof GeneratedImage that && mimeType.equals(that.mimeType) && Objects.equals(uri, that.uri)
                && Arrays.equals(bytes, 0, length, that.bytes, 0, that.length);
    }

    @Override
    public int hashCode() {
        if (written != null) {
            return written.hashCode();
        }
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return 31 * mimeType.hashCode() + hash + Objects.hashCode(uri);
    }

    @Override
    public String toString() {
        if (uri != null) {
            return "GeneratedImage[" + mimeType + ", by reference at " + uri + "]";
        }
        return "GeneratedImage[" + mimeType + ", " + length + " bytes"
                + (pixels != null ? ", " + pixels : "")
                + (written != null ? ", written" + written.path().map(p -> " to " + p).orElse("") : "") + "]";
    }
}
