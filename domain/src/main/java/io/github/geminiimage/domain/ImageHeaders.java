package io.github.geminiimage.domain;

import java.util.Optional;

/** Reads the pixel size from PNG, JPEG and WebP headers without decoding the image. */
final class ImageHeaders {

    private ImageHeaders() {
    }

    /** The pixel size of the image in {@code b[0, length)}. */
    static Optional<PixelSize> pixelSize(byte[] b, int length) {
        try {
            Optional<MediaType> type = MediaType.sniff(b, length);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            int n = Math.min(length, b.length);
            switch (type.get()) {
                case PNG:
                    return png(b, n);
                case JPEG:
                    return jpeg(b, n);
                case WEBP:
                    return webp(b, n);
                default:
                    return Optional.empty();
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Optional<PixelSize> png(byte[] b, int n) {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
        if (n < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return Optional.empty();
        }
        return size(int32(b, 16), int32(b, 20));
    }

    private static Optional<PixelSize> jpeg(byte[] b, int n) {
        int i = 2;
        while (i + 9 < n) {
            if ((b[i] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return size(width, height);
            }
            if (marker == 0xDA || length < 2) {
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    private static Optional<PixelSize> webp(byte[] b, int n) {
        if (n < 30) {
            return Optional.empty();
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 ":
                // Frame tag (3) and start code (3) precede the 14-bit width and height.
                return size(((b[26] & 0xFF) | (b[27] & 0xFF) << 8) & 0x3FFF, ((b[28] & 0xFF) | (b[29] & 0xFF) << 8) & 0x3FFF);
            case "VP8L":
                int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
                return size((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            case "VP8X":
                return size(int24le(b, 24) + 1, int24le(b, 27) + 1);
            default:
                return Optional.empty();
        }
    }

    private static Optional<PixelSize> size(long width, long height) {
        return width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
                ? Optional.of(new PixelSize((int) width, (int) height)) : Optional.empty();
    }

    private static long int32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int int24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
