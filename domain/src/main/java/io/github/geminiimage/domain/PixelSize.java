package io.github.geminiimage.domain;

import java.util.Optional;

/** A width and height in pixels, both positive. */
public record PixelSize(int width, int height) {

    /**
     * The pixel size read from the first {@code length} bytes of a PNG, JPEG or WebP image, when
     * they hold its header (a JPEG's frame header may come after its metadata: pass a few tens of
     * kilobytes).
     */
    public static Optional<PixelSize> fromHeader(byte[] head, int length) {
        return ImageHeaders.pixelSize(head, Math.min(length, head.length));
    }

    /** Checks that both sides are positive. */
    public PixelSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("pixel size must be positive: " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
