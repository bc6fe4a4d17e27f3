package io.github.geminiimage.domain;

import java.util.Locale;
import java.util.Optional;

/** The image formats the Gemini image models read or write, with their MIME strings. */
public enum MediaType {
    PNG("image/png"),
    JPEG("image/jpeg"),
    WEBP("image/webp"),
    HEIC("image/heic"),
    HEIF("image/heif");

    /** Bytes needed by {@link #sniff(byte[], int)} to recognise every format. */
    public static final int SNIFF_LENGTH = 12;

    private final String mimeType;

    MediaType(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The MIME string sent on the wire, e.g. {@code image/png}. */
    public String mimeType() {
        return mimeType;
    }

    /** The usual file extension without the dot, e.g. {@code png}. */
    public String fileExtension() {
        return this == JPEG ? "jpg" : name().toLowerCase(Locale.ROOT);
    }

    /** The media type for a MIME string (case-insensitive, parameters ignored), if known. */
    public static Optional<MediaType> fromMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String bare = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (bare.equals("image/jpg")) {
            return Optional.of(JPEG);
        }
        for (MediaType type : values()) {
            if (type.mimeType.equals(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Recognises the format from the first bytes of a file (its magic number). */
    public static Optional<MediaType> sniff(byte[] head) {
        return sniff(head, head.length);
    }

    /**
     * Recognises the format from the first {@code length} bytes of {@code head}.
     *
     * @return the format, or empty when the bytes match none of the supported formats
     */
    public static Optional<MediaType> sniff(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (n >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (n >= 12 && ascii(head, 4, "ftyp")) {
            String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            switch (brand) {
                case "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs":
                    return Optional.of(HEIC);
                case "mif1", "msf1", "heif":
                    return Optional.of(HEIF);
                default:
                    return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
