package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole call through each adapter's port over loopback: 3 JPEG-like images given as files go up
 * as base64 (about 28 MB of JSON), and a 2.4 MB reply holding one 1.8 MB PNG image comes back.
 * The server is the emulator in a separate JVM ({@link ServerProcess}), answering a prepared reply
 * without decoding the body ({@link ServerProcess.Script#FIXED_REPLY}), so {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} counts the client's allocations only (every thread of this JVM).
 * Command and figures: {@code benchmarks/RESULTS.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EndToEndBenchmark {

    /** Which adapter: {@code jdk} or {@code httpclient5}. */
    @Param({"jdk", "httpclient5"})
    public String adapter;

    /** The size of each of the 3 input images: 7 MB, and 70 KB to show the allocation does not follow it. */
    @Param({"70000", "7000000"})
    public int requestImageBytes;

    /** The size of the image in the reply. */
    @Param({"1800000"})
    public int replyImageBytes;

    private ServerProcess server;
    private Path dir;
    private ImageGenerationPort port;
    private GenerationRequest request;

    /** Primes Base64, starts the server JVM, writes the image files and checks one call. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Payloads.primeBase64();
        server = ServerProcess.start(ServerProcess.Script.FIXED_REPLY, replyImageBytes);
        dir = Files.createTempDirectory("gemini-e2e-");
        GenerationRequest.Builder builder = GenerationRequest.builder()
                .model("gemini-2.5-flash-image")
                .prompt("Merge the three photos into one scene, keeping the lighting of the first.");
        for (Path file : Payloads.jpegFiles(dir, 3, requestImageBytes)) {
            builder.addImage(ImageInput.ofFile(file));
        }
        request = builder.build();
        // No retries: a failure must show, not be hidden in a slower score.
        port = Adapter.of(adapter).build(server.baseUri(), HttpOptions.builder().retryPolicy(RetryPolicy.noRetries()).build());
        int size = generate().size();
        if (size != replyImageBytes) {
            throw new IllegalStateException("the reply image has " + size + " bytes, expected " + replyImageBytes);
        }
    }

    /** One call. */
    @Benchmark
    public GeneratedImage generate() {
        return port.generate(request).requireImage();
    }

    /** Closes the port, stops the server JVM and deletes the files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        port.close();
        server.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
