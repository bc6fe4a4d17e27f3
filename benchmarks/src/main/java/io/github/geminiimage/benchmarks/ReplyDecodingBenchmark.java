package io.github.geminiimage.benchmarks;

import io.github.geminiimage.benchmarks.naive.NaiveWire;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.wire.GenerateContentCodec;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * RESPONSE: a reply holding one image decoded into a {@link GenerationResult}. Beside it, the
 * floor (Base64 alone over the same characters into a preallocated buffer; into a new array; read
 * from a stream in chunks into a new array) and the naive way (Yasson over records holding the
 * base64 string, then decoding it).
 */
public class ReplyDecodingBenchmark extends CodecBenchmark {

    /** Image bytes in the reply: 1.8 MB (a 1K PNG) or 25 MB (4K-sized). */
    @Param({"1800000", "25000000"})
    public int imageBytes;

    /** Characters per read and decode in {@link #floorStreamed}: the library's chunk (8 KiB). */
    private static final int CHUNK = 8 * 1024;

    private byte[] reply;
    private byte[] base64;
    private byte[] decodeBuffer;
    private byte[] chunkIn;
    private byte[] chunkOut;
    private Jsonb jsonb;

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkImages.primeBase64();
        byte[] image = BenchmarkImages.pngLike(imageBytes, 42);
        reply = BenchmarkImages.reply(image, "image/png");
        base64 = Base64.getEncoder().encode(image);
        decodeBuffer = new byte[imageBytes];
        chunkIn = new byte[CHUNK];
        chunkOut = new byte[CHUNK / 4 * 3];
        jsonb = JsonbBuilder.create();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        jsonb.close();
    }

    /** The library: stream-decode the reply, the declared length known as a transport gives it. */
    @Benchmark
    public GenerationResult library() throws IOException {
        return GenerateContentCodec.read(new ByteArrayInputStream(reply), OptionalLong.of(reply.length), 64L * 1024 * 1024);
    }

    /** The library without a declared length (a chunked reply). */
    @Benchmark
    public GenerationResult libraryChunked() throws IOException {
        return GenerateContentCodec.read(new ByteArrayInputStream(reply), OptionalLong.empty(), 64L * 1024 * 1024);
    }

    /** The floor: Base64 alone over the image's characters into a preallocated buffer. */
    @Benchmark
    public int floor() {
        return Base64.getDecoder().decode(base64, decodeBuffer);
    }

    /**
     * Base64 alone again, but into a new array, as every decoder that hands out the image must:
     * the floor plus the cost of allocating (and zeroing) an image-sized array.
     */
    @Benchmark
    public byte[] floorAllocating() {
        return Base64.getDecoder().decode(base64);
    }

    /**
     * Base64 alone once more, paying what any decoder pays that reads the characters from a stream
     * and hands out the image in one new array: the characters read in 8 KiB pieces into one reused
     * array, each piece decoded into another (the JDK's array decoder writes from index 0 only) and
     * copied into the image's array; the tail decoded alone. No JSON, no checks: the least a
     * streaming decoder built on {@code java.util.Base64} can cost.
     */
    @Benchmark
    public byte[] floorStreamed() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(base64);
        Base64.Decoder decoder = Base64.getDecoder();
        byte[] image = new byte[imageBytes];
        int written = 0;
        for (int whole = base64.length / CHUNK; whole > 0; whole--) {
            in.readNBytes(chunkIn, 0, CHUNK);
            int n = decoder.decode(chunkIn, chunkOut);
            System.arraycopy(chunkOut, 0, image, written, n);
            written += n;
        }
        byte[] tail = decoder.decode(in.readAllBytes());
        System.arraycopy(tail, 0, image, written, tail.length);
        return image;
    }

    /** The naive way: Yasson into records with the base64 string, then decode it. */
    @Benchmark
    public byte[] naiveYasson() {
        NaiveWire.Response response = jsonb.fromJson(
                new InputStreamReader(new ByteArrayInputStream(reply), StandardCharsets.UTF_8), NaiveWire.Response.class);
        return Base64.getDecoder().decode(response.candidates().get(0).content().parts().get(1).inlineData().data());
    }
}
