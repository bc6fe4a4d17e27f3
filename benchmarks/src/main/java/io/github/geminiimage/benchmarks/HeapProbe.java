package io.github.geminiimage.benchmarks;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One decode in a fresh JVM, to find the smallest heap that completes it (run with decreasing
 * {@code -Xmx}, see benchmarks/RESULTS.md). {@code write SIZE FILE} writes the reply of
 * {@link BenchmarkImages#reply} around a PNG-like image of {@code SIZE} bytes to {@code FILE};
 * {@code memory FILE} decodes it into memory and {@code sink FILE} to a file sink beside it,
 * reading the reply from the file as a transport reads a body (its length declared). Exit code 0
 * and one line when it completed; 3 and one line when the heap ran out.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    /** {@code write SIZE FILE}, {@code memory FILE} or {@code sink FILE}. */
    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "write" -> Files.write(Path.of(args[2]),
                        BenchmarkImages.reply(BenchmarkImages.pngLike(Integer.parseInt(args[1]), 42), "image/png"));
                case "memory" -> report(decode(Path.of(args[1]), null));
                case "sink" -> {
                    Path reply = Path.of(args[1]).toAbsolutePath();
                    SinkSession session = SinkSession.open(ImageSink.toFile(reply.resolveSibling("probe-image.png")));
                    report(session.commit(decode(reply, session)));
                }
                default -> throw new IllegalArgumentException("write SIZE FILE | memory FILE | sink FILE");
            }
        } catch (OutOfMemoryError e) {
            System.out.println("out of memory with -Xmx " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
            System.exit(3);
        }
    }

    private static GenerationResult decode(Path reply, SinkSession session) throws Exception {
        long length = Files.size(reply);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(reply), 8192)) {
            return session == null ? GenerateContentCodec.read(in, OptionalLong.of(length), 64L << 20)
                    : GenerateContentCodec.read(in, OptionalLong.of(length), 64L << 20, session);
        }
    }

    private static void report(GenerationResult result) {
        System.out.println("ok: " + result.requireImage() + " with -Xmx " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }
}
