package io.github.geminiimage.adapter.fake.internal;

import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.PixelSize;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the fake's pictures: a diagonal gradient and a disk in colours taken from a seed, with a
 * caption in a bitmap font, encoded as PNG or JPEG with ImageIO. The same size, format, caption
 * and seed always give the same bytes.
 */
public final class PictureRenderer {

    private static final int MAX_LINE_CHARS = 28;
    private static final int MAX_LINES = 4;
    private static final float JPEG_QUALITY = 0.9f;

    private PictureRenderer() {
    }

    /**
     * Draws and encodes a picture.
     *
     * @param size the exact pixel size
     * @param format {@link MediaType#PNG} or {@link MediaType#JPEG}
     * @param caption the text drawn in the middle (upper-cased, wrapped, shortened)
     * @param seed at least 8 bytes that choose the colours and the disk's place
     * @return the encoded image
     */
    public static byte[] render(PixelSize size, MediaType format, String caption, byte[] seed) {
        if (seed.length < 8) {
            throw new IllegalArgumentException("seed needs at least 8 bytes; got " + seed.length);
        }
        int width = size.width();
        int height = size.height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int[] from = {seed[0] & 0xFF, seed[1] & 0xFF, seed[2] & 0xFF};
        int[] to = {255 - from[0], seed[3] & 0xFF, 255 - (seed[4] & 0xFF)};
        fillGradient(bgr, width, height, from, to);
        int radius = Math.max(1, Math.min(width, height) / 4);
        int cx = radius + (int) (((seed[5] & 0xFF) / 255.0) * Math.max(0, width - 2 * radius));
        int cy = radius + (int) (((seed[6] & 0xFF) / 255.0) * Math.max(0, height - 2 * radius));
        fillDisk(bgr, width, height, cx, cy, radius, new int[] {255, 255 - (seed[7] & 0x7F), 96});
        drawCaption(bgr, width, height, wrap(BitmapFont.normalise(caption)));
        return encode(image, format);
    }

    private static void fillGradient(byte[] bgr, int width, int height, int[] from, int[] to) {
        // Colours depend on x + y only: one lookup table per diagonal keeps 4K pictures quick to draw.
        int diagonals = width + height - 1;
        byte[] r = new byte[diagonals];
        byte[] g = new byte[diagonals];
        byte[] b = new byte[diagonals];
        for (int d = 0; d < diagonals; d++) {
            double t = diagonals == 1 ? 0 : d / (double) (diagonals - 1);
            r[d] = (byte) Math.round(from[0] + (to[0] - from[0]) * t);
            g[d] = (byte) Math.round(from[1] + (to[1] - from[1]) * t);
            b[d] = (byte) Math.round(from[2] + (to[2] - from[2]) * t);
        }
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int d = x + y;
                bgr[i++] = b[d];
                bgr[i++] = g[d];
                bgr[i++] = r[d];
            }
        }
    }

    private static void fillDisk(byte[] bgr, int width, int height, int cx, int cy, int radius, int[] rgb) {
        long r2 = (long) radius * radius;
        for (int y = Math.max(0, cy - radius); y < Math.min(height, cy + radius + 1); y++) {
            long dy = y - cy;
            for (int x = Math.max(0, cx - radius); x < Math.min(width, cx + radius + 1); x++) {
                long dx = x - cx;
                if (dx * dx + dy * dy <= r2) {
                    int i = (y * width + x) * 3;
                    // Half-transparent, so the gradient still shows through the disk.
                    bgr[i] = (byte) (((bgr[i] & 0xFF) + rgb[2]) / 2);
                    bgr[i + 1] = (byte) (((bgr[i + 1] & 0xFF) + rgb[1]) / 2);
                    bgr[i + 2] = (byte) (((bgr[i + 2] & 0xFF) + rgb[0]) / 2);
                }
            }
        }
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.isEmpty() ? new String[0] : text.split(" ")) {
            while (word.length() > MAX_LINE_CHARS) {
                flush(lines, line);
                lines.add(word.substring(0, MAX_LINE_CHARS));
                word = word.substring(MAX_LINE_CHARS);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > MAX_LINE_CHARS) {
                flush(lines, line);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        flush(lines, line);
        if (lines.size() > MAX_LINES) {
            List<String> shortened = new ArrayList<>(lines.subList(0, MAX_LINES));
            String last = shortened.get(MAX_LINES - 1);
            shortened.set(MAX_LINES - 1, last.substring(0, Math.min(last.length(), MAX_LINE_CHARS - 3)) + "...");
            return shortened;
        }
        return lines;
    }

    private static void flush(List<String> lines, StringBuilder line) {
        if (line.length() > 0) {
            lines.add(line.toString());
            line.setLength(0);
        }
    }

    private static void drawCaption(byte[] bgr, int width, int height, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int longest = lines.stream().mapToInt(String::length).max().orElse(1);
        int cellWidth = BitmapFont.GLYPH_WIDTH + 1;
        int cellHeight = BitmapFont.GLYPH_HEIGHT + 2;
        int scale = Math.max(1, Math.min(width * 8 / 10 / (cellWidth * longest), height / 2 / (cellHeight * lines.size())));
        int shadow = Math.max(1, scale / 3);
        int top = (height - cellHeight * scale * lines.size()) / 2;
        for (int pass = 0; pass < 2; pass++) {
            int offset = pass == 0 ? shadow : 0;
            byte value = (byte) (pass == 0 ? 0 : 255);
            for (int l = 0; l < lines.size(); l++) {
                String line = lines.get(l);
                int left = (width - cellWidth * scale * line.length()) / 2;
                for (int c = 0; c < line.length(); c++) {
                    int[] rows = BitmapFont.glyph(line.charAt(c));
                    for (int gy = 0; gy < BitmapFont.GLYPH_HEIGHT; gy++) {
                        for (int gx = 0; gx < BitmapFont.GLYPH_WIDTH; gx++) {
                            if ((rows[gy] >> (BitmapFont.GLYPH_WIDTH - 1 - gx) & 1) != 0) {
                                fillBlock(bgr, width, height, left + (c * cellWidth + gx) * scale + offset,
                                        top + (l * cellHeight + gy) * scale + offset, scale, value);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void fillBlock(byte[] bgr, int width, int height, int x0, int y0, int side, byte value) {
        for (int y = Math.max(0, y0); y < Math.min(height, y0 + side); y++) {
            for (int x = Math.max(0, x0); x < Math.min(width, x0 + side); x++) {
                int i = (y * width + x) * 3;
                bgr[i] = value;
                bgr[i + 1] = value;
                bgr[i + 2] = value;
            }
        }
    }

    private static byte[] encode(BufferedImage image, MediaType format) {
        String formatName;
        switch (format) {
            case PNG:
                formatName = "png";
                break;
            case JPEG:
                formatName = "jpeg";
                break;
            default:
                throw new IllegalArgumentException("the fake draws PNG or JPEG only; got " + format.mimeType());
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName);
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO writer for " + formatName);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        // A memory cache, never ImageIO's file cache: the fake writes nothing to disk.
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == MediaType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a " + formatName + " picture in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
