package io.github.geminiimage.benchmarks;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RESPONSE to a sink: the same replies as {@link ReplyDecodingBenchmark}, decoded with the image
 * going to an {@link ImageSink} instead of an array. {@code sinkToStream} hands the bytes to a
 * stream that gives them to JMH's {@link Blackhole} (the decoder and the sink, without a disk);
 * {@code sinkToFile} writes a temporary file and moves it into place, as a caller's file sink does.
 * The budget is allocation per call: under 256 KB whatever the image size.
 */
public class ReplySinkBenchmark extends CodecBenchmark {

    /** Image bytes in the reply: 1.8 MB (a 1K PNG) or 25 MB (4K-sized). */
    @Param({"1800000", "25000000"})
    public int imageBytes;

    private byte[] reply;
    private byte[] base64;
    private byte[] decodeBuffer;
    private Path folder;
    private ImageSink fileSink;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchmarkImages.primeBase64();
        byte[] image = BenchmarkImages.pngLike(imageBytes, 42);
        reply = BenchmarkImages.reply(image, "image/png");
        base64 = Base64.getEncoder().encode(image);
        decodeBuffer = new byte[imageBytes];
        folder = Files.createTempDirectory("reply-sink-benchmark");
        fileSink = ImageSink.toFile(folder.resolve("image.png"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Decoded to a stream that hands every write to the blackhole: the decoder and the sink alone. */
    @Benchmark
    public GenerationResult sinkToStream(Blackhole blackhole) throws IOException {
        BlackholeOutputStream out = new BlackholeOutputStream();
        out.blackhole = blackhole;
        SinkSession session = SinkSession.open(ImageSink.toStreams(slot -> out));
        return session.commit(GenerateContentCodec.read(new ByteArrayInputStream(reply), OptionalLong.of(reply.length),
                64L * 1024 * 1024, session));
    }

    /** Decoded to a file: a temporary file in the folder, then moved over the previous call's. */
    @Benchmark
    public GenerationResult sinkToFile() throws IOException {
        SinkSession session = SinkSession.open(fileSink);
        return session.commit(GenerateContentCodec.read(new ByteArrayInputStream(reply), OptionalLong.of(reply.length),
                64L * 1024 * 1024, session));
    }

    /** The floor of {@link ReplyDecodingBenchmark}, in the same run: Base64 alone into a preallocated buffer. */
    @Benchmark
    public int floor() {
        return Base64.getDecoder().decode(base64, decodeBuffer);
    }
}
