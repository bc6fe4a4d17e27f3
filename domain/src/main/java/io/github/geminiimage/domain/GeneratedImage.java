package io.github.geminiimage.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 */
public final class GeneratedImage {

    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private final String mimeType;
    private final byte[] bytes;
    // The image is bytes[0, length): a decoder may hand over an array a little longer than the image.
    private final int length;
    private final PixelSize pixels;

    private GeneratedImage(String mimeType, byte[] bytes, int length) {
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.bytes = bytes;
        this.length = length;
        this.pixels = ImageHeaders.pixelSize(bytes, length).orElse(null);
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

    /** A copy of the image's bytes. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** The number of bytes. */
    public int size() {
        return length;
    }

    /** Reads the bytes without copying them. */
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** Writes the bytes to a stream without copying them. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** The pixel size from the image header, if the format is PNG, JPEG or WebP and the header is sound. */
    public Optional<PixelSize> pixelSize() {
        return Optional.ofNullable(pixels);
    }

    /** This image as an input for a later request (shares the bytes, which neither side changes). */
    public ImageInput asInput() {
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
                out.write(bytes, 0, length);
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

    /** Equal when the MIME type and every byte are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof GeneratedImage that && mimeType.equals(that.mimeType)
                && Arrays.equals(bytes, 0, length, that.bytes, 0, that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return 31 * mimeType.hashCode() + hash;
    }

    @Override
    public String toString() {
        return "GeneratedImage[" + mimeType + ", " + length + " bytes"
                + (pixels != null ? ", " + pixels : "") + "]";
    }
}
