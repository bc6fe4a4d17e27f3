package io.github.geminiimage.domain;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An image an {@link ImageSink} wrote instead of keeping it in memory.
 *
 * @param path the file it is in; empty when it went to a caller's stream, was not kept (an image
 *     the sink does not keep, e.g. a draft), or the call has not finished yet (a stream event's
 *     image: files are moved into place when the call succeeds)
 * @param mimeType the MIME type the server sent, e.g. {@code image/png}
 * @param pixelSize the pixel size read from the image header, when it could be read
 * @param byteCount the number of bytes written
 */
public record WrittenImage(Optional<Path> path, String mimeType, Optional<PixelSize> pixelSize, long byteCount) {

    /** Checks the values. */
    public WrittenImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(pixelSize, "pixelSize");
        if (byteCount < 0) {
            throw new IllegalArgumentException("byteCount must not be negative: " + byteCount);
        }
    }

    /** The media type, if the MIME type is one this library knows. */
    public Optional<MediaType> mediaType() {
        return MediaType.fromMimeType(mimeType);
    }

    /** The same image, now at {@code file}. */
    public WrittenImage at(Path file) {
        return new WrittenImage(Optional.of(file), mimeType, pixelSize, byteCount);
    }

    /** The same image, in no file. */
    public WrittenImage nowhere() {
        return new WrittenImage(Optional.empty(), mimeType, pixelSize, byteCount);
    }
}
