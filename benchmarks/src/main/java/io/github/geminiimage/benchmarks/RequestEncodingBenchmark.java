package io.github.geminiimage.benchmarks;

import io.github.geminiimage.benchmarks.naive.NaiveWire;
import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.wire.JsonBody;
import io.github.geminiimage.wire.GenerateContentCodec;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * REQUEST: a prompt, N images and a generation config turned into the body bytes, written to a
 * sink that hands every write to JMH's {@link Blackhole}. Beside it, the floor: Base64 alone through
 * the same chunk sizes as the library's encoder (24 KiB in, 32 KiB out, copied in as the library
 * reads them) into the same sink, so the ratio compares like with like; and the naive way (Yasson
 * over records holding base64 strings).
 */
public class RequestEncodingBenchmark extends CodecBenchmark {

    /** The library encoder's chunk sizes (JsonOutput): 8,192 groups of 3 bytes in, of 4 characters out. */
    private static final int CHUNK_IN = 3 * 8192;
    private static final int CHUNK_OUT = 4 * 8192;

    /** Image count x bytes per image. */
    @Param({"3x7000000", "1x1000000"})
    public String images;

    private GenerationRequest request;
    private JsonBody body;
    private byte[][] imageBytes;
    private byte[] chunkIn;
    private byte[] chunkOut;
    private byte[][] tailIn;
    private byte[][] tailOut;
    private Jsonb jsonb;
    private final BlackholeOutputStream sink = new BlackholeOutputStream();

    @Setup(Level.Trial)
    public void setUp() {
        BenchmarkImages.primeBase64();
        String[] spec = images.split("x");
        int count = Integer.parseInt(spec[0]);
        int size = Integer.parseInt(spec[1]);
        imageBytes = new byte[count][];
        chunkIn = new byte[CHUNK_IN];
        chunkOut = new byte[CHUNK_OUT];
        tailIn = new byte[count][];
        tailOut = new byte[count][];
        for (int i = 0; i < count; i++) {
            imageBytes[i] = BenchmarkImages.jpegLike(size, i);
            int tail = size % CHUNK_IN;
            tailIn[i] = new byte[tail];
            tailOut[i] = new byte[4 * ((tail + 2) / 3)];
        }
        request = newRequest();
        body = GenerateContentCodec.encode(request);
        jsonb = JsonbBuilder.create();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        jsonb.close();
    }

    /**
     * The library as a user calls it: build the request (images handed over without a copy), encode
     * and stream the body. Building it here counts what the user pays for, not only the encoder.
     */
    @Benchmark
    public long library(Blackhole bh) throws IOException {
        sink.blackhole = bh;
        JsonBody fresh = GenerateContentCodec.encode(newRequest());
        fresh.writeTo(sink);
        return fresh.contentLength();
    }

    private GenerationRequest newRequest() {
        GenerationRequest.Builder builder = GenerationRequest.builder()
                .prompt("Using the provided images, place the cat on the sofa in a watercolour style.")
                .aspectRatio(AspectRatio.RATIO_16_9);
        for (byte[] image : imageBytes) {
            builder.addImage(ImageInput.ofOwnedBytes(image));
        }
        return builder.build();
    }

    /** The library writing a body it already made (what a retry costs). */
    @Benchmark
    public long libraryRewrite(Blackhole bh) throws IOException {
        sink.blackhole = bh;
        body.writeTo(sink);
        return body.contentLength();
    }

    /**
     * The floor: Base64 alone over the same bytes, as the library's encoder moves them: each 24 KiB
     * chunk copied into one reused array, encoded into another of 32 KiB, written to the same sink;
     * the tail through arrays of its size.
     */
    @Benchmark
    public void floor(Blackhole bh) throws IOException {
        sink.blackhole = bh;
        Base64.Encoder encoder = Base64.getEncoder();
        for (int i = 0; i < imageBytes.length; i++) {
            byte[] image = imageBytes[i];
            int at = 0;
            for (; image.length - at >= CHUNK_IN; at += CHUNK_IN) {
                System.arraycopy(image, at, chunkIn, 0, CHUNK_IN);
                sink.write(chunkOut, 0, encoder.encode(chunkIn, chunkOut));
            }
            if (at < image.length) {
                System.arraycopy(image, at, tailIn[i], 0, image.length - at);
                sink.write(tailOut[i], 0, encoder.encode(tailIn[i], tailOut[i]));
            }
        }
    }

    /** The naive way: base64 strings in records, Yasson to a String, then UTF-8 bytes. */
    @Benchmark
    public void naiveYasson(Blackhole bh) throws IOException {
        sink.blackhole = bh;
        List<NaiveWire.Part> parts = new ArrayList<>();
        parts.add(new NaiveWire.Part(request.prompt().orElseThrow(), null));
        for (byte[] image : imageBytes) {
            parts.add(new NaiveWire.Part(null, new NaiveWire.InlineData("image/jpeg", Base64.getEncoder().encodeToString(image))));
        }
        NaiveWire.Request naive = new NaiveWire.Request(List.of(new NaiveWire.Content("user", parts)),
                new NaiveWire.GenerationConfig(List.of("TEXT", "IMAGE"), new NaiveWire.ImageConfig("16:9")));
        byte[] bytes = jsonb.toJson(naive).getBytes(StandardCharsets.UTF_8);
        sink.write(bytes);
        bh.consume(bytes.length);
    }
}
