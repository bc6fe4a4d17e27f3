package io.github.geminiimage.domain;

/** A width and height in pixels, both positive. */
public record PixelSize(int width, int height) {

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
