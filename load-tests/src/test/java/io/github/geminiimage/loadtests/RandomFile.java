package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.file.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Big files of seeded random bytes for the upload tests, written and digested a MiB at a time (never held whole). */
final class RandomFile {

    private static final int MIB = 1024 * 1024;

    private RandomFile() {
    }

    /**
     * Writes {@code size} bytes (rounded up to whole MiB) of random bytes from {@code seed} to {@code file}.
     *
     * @return the content's SHA-256, in hex
     */
    static String write(Path file, long size, long seed) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        block[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                digest.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of {@code file}'s content, in hex, read a MiB at a time. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] block = new byte[MIB];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(block)) > 0) {
                digest.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
