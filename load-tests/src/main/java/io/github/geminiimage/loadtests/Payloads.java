package io.github.geminiimage.loadtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Synthetic payloads of realistic sizes: image-like bytes (the right magic bytes and header, then
 * incompressible noise, as real PNG and JPEG data is) and image files.
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * A PNG-like image: signature and an IHDR chunk saying 1024 x 1024, then noise.
     *
     * @throws IllegalArgumentException if {@code size} is under 33 bytes (signature and IHDR)
     */
    public static byte[] pngLike(int size, long seed) {
        if (size < 33) {
            throw new IllegalArgumentException("a PNG-like image needs at least 33 bytes; got " + size);
        }
        byte[] bytes = noise(size, seed);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
            0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 4, 0, 0, 0, 4, 0, 8, 2, 0, 0, 0};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /**
     * A JPEG-like image: SOI and a JFIF APP0 segment, then noise.
     *
     * @throws IllegalArgumentException if {@code size} is under 20 bytes
     */
    public static byte[] jpegLike(int size, long seed) {
        if (size < 20) {
            throw new IllegalArgumentException("a JPEG-like image needs at least 20 bytes; got " + size);
        }
        byte[] bytes = noise(size, seed);
        byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static byte[] noise(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code count} JPEG-like files of {@code size} bytes into {@code dir}; returns their paths. */
    public static Path[] jpegFiles(Path dir, int count, int size) throws IOException {
        Path[] files = new Path[count];
        for (int i = 0; i < count; i++) {
            files[i] = Files.write(dir.resolve("input-" + i + ".jpg"), jpegLike(size, 1000 + i));
        }
        return files;
    }

    /**
     * Runs {@code java.util.Base64}'s array encoder and decoder thousands of times on inputs of
     * every length modulo 3 and of chunk-like sizes, so the JIT has compiled their fast paths before
     * anything is measured; otherwise the first iterations time a slow path.
     */
    public static long primeBase64() {
        Base64.Encoder encoder = Base64.getEncoder();
        Base64.Decoder decoder = Base64.getDecoder();
        byte[] src = noise(3 * 16384 + 2, 7);
        byte[] encoded = new byte[4 * 16384 + 4];
        byte[] decoded = new byte[3 * 16384 + 3];
        long sink = 0;
        for (int i = 0; i < 12_000; i++) {
            // Lengths 1..~48 KiB, every residue modulo 3, small and chunk-sized alike.
            int length = i % 4 == 0 ? 3 * 8192 + i % 3 : 1 + (i * 37) % (3 * 16384 + 2);
            byte[] in = Arrays.copyOf(src, length);
            int n = encoder.encode(in, encoded);
            byte[] text = Arrays.copyOf(encoded, n);
            sink += decoder.decode(text, decoded);
        }
        return sink;
    }
}
