package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.tck.ImageSinkContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shaded jar writes the 18.9 MB image of a 25 MB reply in a 16 MB heap, streamed and not, on
 * both HTTP transports, against the emulator: the image goes to disk while it is decoded and
 * never sits in the heap. A call that does need the image in memory ({@code --previews}) ends with
 * one line and exit code 19, not a stack trace. Each run is a fresh JVM; the whole class takes
 * about half a minute, so it runs only with {@code -Psmall-heap} (see benchmarks/RESULTS.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "gemini.image.smallHeap", matches = "true")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmallHeapIT {

    /** The image of a 4K PNG reply: 18.9 MB, 25.2 MB of base64. */
    static final int IMAGE_BYTES = 18_900_000;

    private GeminiEmulator emulator;
    private byte[] image;
    private Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        jar = Path.of(System.getProperty("gemini.image.jar", "target/gemini-image.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (built by mvn package)").exists();
        image = ImageSinkContract.png(4096, 4096, IMAGE_BYTES, 4);
        emulator = GeminiEmulator.start();
        // Every call, plain or streamed, is answered with this image (25.2 MB of base64 in the reply).
        emulator.imageGeneration().when(request -> true, FakeResponse.image(image));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"jdk, --no-stream", "jdk, --stream", "httpclient5, --no-stream", "httpclient5, --stream"})
    void theImageOfA25MbReplyIsWrittenIn16MbOfHeap(String transport, String streaming) throws Exception {
        Path out = dir.resolve(transport + streaming + ".png");

        Run run = run("-Xmx16m", "generate", "--transport", transport, "--base-url", baseUrl(), streaming,
                "-p", "A lighthouse in 4K", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(out)).isEqualTo(IMAGE_BYTES);
        assertThat(Arrays.equals(Files.readAllBytes(out), image)).isTrue();
        assertThat(run.out()).contains("(4096x4096, image/png");
    }

    @Test
    void aHeapTooSmallForTheCallIsOneLineAndExitCode19() throws Exception {
        Path out = dir.resolve("previewed.png");

        // --previews keeps each image in memory to show the drafts as they come: 18.9 MB cannot fit.
        Run run = run("-Xmx16m", "generate", "--transport", "jdk", "--base-url", baseUrl(), "-m", "gemini-3-pro-image",
                "--previews", dir.resolve("previews").toString(), "-p", "A lighthouse in 4K", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(19);
        assertThat(run.err().lines()).as(run.err()).singleElement().asString()
                .contains("out of memory: the Java heap").contains("-Xmx");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    private String baseUrl() {
        return emulator.baseUri().toString();
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String heap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("GEMINI_API_KEY", "test-key-not-secret");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not end within 90 s");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }
}
