package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.StreamListener;
import io.github.geminiimage.port.forwarding.ForwardingImageGenerationPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --stream, --no-stream and --previews of generate and edit, over the fake (which streams thoughts on Gemini 3). */
class StreamingCliTest {

    @TempDir
    Path dir;

    private final FakeImageGeneration fake = FakeImageGeneration.create();
    private final AtomicInteger streams = new AtomicInteger();
    private final CliRunner cli = new CliRunner().portFactory(settings -> new CountingPort(fake, streams));

    @Test
    void previewsSavesTheInterimImagesAndTheFinalImageGoesToOut() throws Exception {
        Path out = dir.resolve("lighthouse.jpg");
        Path previews = dir.resolve("drafts");

        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image",
                "-p", "A lighthouse at dusk", "--out", out.toString(), "--previews", previews.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(streams).hasValue(1);
        assertThat(fake.lastRequest().orElseThrow().includeThoughts()).isTrue();
        assertThat(out).exists();
        try (Stream<Path> files = Files.list(previews)) {
            assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty().allMatch(n -> n.matches("preview-\\d+\\.jpg"));
        }
        assertThat(run.out()).contains("wrote preview " + previews.toAbsolutePath().resolve("preview-1.jpg"))
                .contains("wrote " + out);
    }

    @Test
    void previewsNeverReplaceEarlierOnes() throws Exception {
        Path previews = dir.resolve("drafts");
        Files.createDirectories(previews);
        Files.write(previews.resolve("preview-1.jpg"), new byte[] {1, 2, 3});

        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A boat",
                "--out", dir.resolve("boat.jpg").toString(), "--previews", previews.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(previews.resolve("preview-1.jpg"))).containsExactly(1, 2, 3);
        assertThat(previews.resolve("preview-2.jpg")).exists();
    }

    @Test
    void jsonOutputListsThePreviewsWritten() {
        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A boat",
                "--out", dir.resolve("boat.jpg").toString(), "--previews", dir.resolve("drafts").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"previews\"")
                .contains("\"" + dir.resolve("drafts").toAbsolutePath().resolve("preview-1.jpg") + "\"")
                .doesNotContain("wrote preview");
    }

    @Test
    void jsonOutputIsUnchangedWithoutPreviews() {
        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A boat",
                "--out", dir.resolve("boat.jpg").toString(), "--stream", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(streams).hasValue(1);
        assertThat(run.out()).doesNotContain("previews");
    }

    @Test
    void previewsOnAModelThatDoesNotThinkIsRefusedInOneLine() {
        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-m", "gemini-2.5-flash-image", "-p", "A boat",
                "--out", dir.resolve("boat.png").toString(), "--previews", dir.resolve("drafts").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--previews")
                .contains("gemini-2.5-flash-image does not think");
        assertThat(fake.requests()).isEmpty();
        assertThat(dir.resolve("drafts")).doesNotExist();
    }

    @Test
    void previewsWithNoStreamIsAUsageError() {
        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A boat",
                "--out", dir.resolve("boat.jpg").toString(), "--previews", dir.resolve("d").toString(), "--no-stream");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-stream");
    }

    @Test
    void onATerminalAThinkingModelStreamsAndShowsItsThoughtsOnOneLine() {
        CliRunner.Result run = cli.interactive(true).run("generate", "--transport", "fake", "-m", "gemini-3-pro-image",
                "-p", "A lighthouse", "--out", dir.resolve("l.jpg").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(streams).hasValue(1);
        assertThat(fake.lastRequest().orElseThrow().includeThoughts()).isTrue();
        assertThat(run.err()).contains("thinking: ").doesNotContain("\n");
    }

    @Test
    void onATerminalNoStreamMakesOneCall() {
        CliRunner.Result run = cli.interactive(true).run("generate", "--transport", "fake", "-m", "gemini-3-pro-image",
                "-p", "A lighthouse", "--out", dir.resolve("l.jpg").toString(), "--no-stream");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(streams).hasValue(0);
        assertThat(fake.lastRequest().orElseThrow().includeThoughts()).isFalse();
    }

    @Test
    void onAPipeTheDefaultIsNotToStreamAndStreamAsksForIt() {
        CliRunner.Result plain = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A",
                "--out", dir.resolve("a.jpg").toString());
        CliRunner.Result streamed = cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "B",
                "--out", dir.resolve("b.jpg").toString(), "--stream");

        assertThat(plain.exitCode()).isZero();
        assertThat(streamed.exitCode()).isZero();
        assertThat(streams).hasValue(1);
        assertThat(fake.lastRequest().orElseThrow().includeThoughts()).as("nobody would see them").isFalse();
        assertThat(dir.resolve("a.jpg")).exists();
        assertThat(dir.resolve("b.jpg")).exists();
    }

    @Test
    void editStreamsToo() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 64, 64);

        CliRunner.Result run = cli.run("edit", "--transport", "fake", "-m", "gemini-3-pro-image", "--image", cat.toString(),
                "-p", "Add a hat", "--out", dir.resolve("hat.jpg").toString(), "--previews", dir.resolve("d").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(streams).hasValue(1);
        assertThat(dir.resolve("hat.jpg")).exists();
    }

    /** The fake, counting the streamed calls. */
    private record CountingPort(FakeImageGeneration delegate, AtomicInteger streams) implements ForwardingImageGenerationPort {
        @Override
        public GenerationStream stream(GenerationRequest request) {
            streams.incrementAndGet();
            return delegate.stream(request);
        }

        @Override
        public CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener) {
            streams.incrementAndGet();
            return delegate.streamAsync(request, listener);
        }

        @Override
        public void close() {
            // the test's fake outlives the run, to be inspected
        }
    }
}
