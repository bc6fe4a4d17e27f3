package io.github.geminiimage.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Times one reply decoder against {@code java.util.Base64} alone in the same JVM, one call of each
 * in turn, so that both see the same load: for comparing builds of the library from different
 * commits on a shared machine, where JMH's one-benchmark-after-the-other runs drift with the load.
 * The decoder is named by class (a static {@code decode(InputStream, OptionalLong, long)}), so an
 * older build's jar can be put first on the class path; {@code benchmarks/RESULTS.md} gives the
 * command. Prints the minimum and median of each, and the ratio of the medians. Not a JMH benchmark.
 */
public final class SideBySide {

    private static volatile Object last;

    private SideBySide() {
    }

    /**
     * Arguments: the decoder's class name, the image size in bytes, the number of timed calls of each.
     *
     * @throws Exception if the decoder cannot be found or fails
     */
    public static void main(String[] args) throws Exception {
        Method decode = Class.forName(args[0]).getMethod("decode", InputStream.class, OptionalLong.class, long.class);
        int size = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        BenchmarkImages.primeBase64();
        byte[] image = BenchmarkImages.pngLike(size, 42);
        byte[] reply = BenchmarkImages.reply(image, "image/png");
        byte[] base64 = Base64.getEncoder().encode(image);
        byte[] into = new byte[size];
        long[] library = new long[reps];
        long[] floor = new long[reps];
        for (int i = 0; i < Math.max(30, reps); i++) {
            last = decode.invoke(null, new ByteArrayInputStream(reply), OptionalLong.of(reply.length), 64L << 20);
            last = Base64.getDecoder().decode(base64, into);
        }
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            last = decode.invoke(null, new ByteArrayInputStream(reply), OptionalLong.of(reply.length), 64L << 20);
            library[r] = System.nanoTime() - t;
            t = System.nanoTime();
            last = Base64.getDecoder().decode(base64, into);
            floor[r] = System.nanoTime() - t;
        }
        Arrays.sort(library);
        Arrays.sort(floor);
        System.out.printf("%s, %d B image: library min %.3f median %.3f ms | floor min %.3f median %.3f ms | library / floor (medians) %.2f%n",
                args[0], size, library[0] / 1e6, library[reps / 2] / 1e6, floor[0] / 1e6, floor[reps / 2] / 1e6,
                (double) library[reps / 2] / floor[reps / 2]);
    }
}
