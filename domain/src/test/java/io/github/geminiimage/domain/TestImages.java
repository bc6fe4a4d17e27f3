package io.github.geminiimage.domain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Real tiny images made on the spot, and hand-built headers for formats ImageIO cannot write. The
 * PNG and JPEG makers are shared with other modules' tests through this module's test jar.
 */
public final class TestImages {

    private TestImages() {
    }

    /** A real PNG of a colour gradient, with an alpha channel. */
    public static byte[] png(int width, int height) {
        return write("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    /** A real JPEG of a colour gradient. */
    public static byte[] jpeg(int width, int height) {
        return write("jpg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** A lossless WebP header ("VP8L"): 14-bit width-1 and height-1 after the signature byte. */
    static byte[] webpLossless(int width, int height) {
        byte[] b = riffWebp("VP8L", 10);
        int bits = (width - 1) | ((height - 1) << 14);
        b[20] = 0x2F;
        b[21] = (byte) bits;
        b[22] = (byte) (bits >>> 8);
        b[23] = (byte) (bits >>> 16);
        b[24] = (byte) (bits >>> 24);
        return b;
    }

    /** An extended WebP header ("VP8X"): 24-bit little-endian width-1 and height-1 at 24 and 27. */
    static byte[] webpExtended(int width, int height) {
        byte[] b = riffWebp("VP8X", 10);
        int w = width - 1;
        int h = height - 1;
        b[24] = (byte) w;
        b[25] = (byte) (w >>> 8);
        b[26] = (byte) (w >>> 16);
        b[27] = (byte) h;
        b[28] = (byte) (h >>> 8);
        b[29] = (byte) (h >>> 16);
        return b;
    }

    /** A lossy WebP header ("VP8 "): frame tag, start code, 14-bit width and height. */
    static byte[] webpLossy(int width, int height) {
        byte[] b = riffWebp("VP8 ", 10);
        b[23] = (byte) 0x9D;
        b[24] = 0x01;
        b[25] = 0x2A;
        b[26] = (byte) width;
        b[27] = (byte) (width >>> 8);
        b[28] = (byte) height;
        b[29] = (byte) (height >>> 8);
        return b;
    }

    static byte[] isoBmff(String brand) {
        byte[] b = new byte[32];
        b[3] = 24;
        System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 4);
        System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        return b;
    }

    private static byte[] riffWebp(String chunk, int payload) {
        byte[] b = new byte[20 + payload];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        int riffSize = b.length - 8;
        b[4] = (byte) riffSize;
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, b, 12, 4);
        b[16] = (byte) payload;
        return b;
    }

    private static byte[] write(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | (x * 40 << 16) | (y * 40 << 8) | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
