package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.wire.ConversationCodec;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.port.StreamListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paid image is never lost to a file problem, and files are named after what they hold. */
class OutputSafetyTest {

    @TempDir
    Path dir;

    /** A folder that refuses new files: by its permissions, or (as root, whom they do not stop) /sys. */
    private Path unwritableFolder() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        for (Path candidate : new Path[] {locked, Path.of("/sys")}) {
            try {
                Files.deleteIfExists(Files.createTempFile(candidate, "probe", ".tmp"));
            } catch (IOException refused) {
                return candidate;
            }
        }
        assumeTrue(false, "no folder here refuses new files");
        return locked;
    }

    @Test
    void anUnwritableOutputFolderIsRefusedBeforeThePaidCall_withTheReason() throws IOException {
        Path folder = unwritableFolder();
        AtomicInteger calls = new AtomicInteger();
        CliRunner.Result run = new CliRunner().portFactory(s -> {
            calls.incrementAndGet();
            return FakeImageGeneration.create();
        }).run("generate", "--transport", "fake", "-p", "A cat", "-o", folder.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(17);
        assertThat(run.err().lines()).singleElement().asString().contains("cannot write to the folder " + folder)
                .containsAnyOf("permission denied", "read-only");
        assertThat(calls).hasValue(0);
    }

    @Test
    void anUnwritableSessionFolderIsRefusedBeforeThePaidCall() throws IOException {
        Path folder = unwritableFolder();
        AtomicInteger calls = new AtomicInteger();
        CliRunner.Result run = new CliRunner().portFactory(s -> {
            calls.incrementAndGet();
            return FakeImageGeneration.create();
        }).run("generate", "--transport", "fake", "-p", "A cat", "--session", folder.resolve("s.json").toString(),
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(17);
        assertThat(run.err()).contains("the session file");
        assertThat(calls).hasValue(0);
    }

    @Test
    void whenWritingFailsAfterTheCall_theImageIsKeptElsewhereAndTheMessageSaysWhere() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("out"));
        FakeImageGeneration fake = FakeImageGeneration.create();
        // The folder disappears while the model works: the check before the call passed.
        ImageGenerationPort vanishing = new ImageGenerationPort() {
            @Override
            public GenerationResult generate(GenerationRequest request) {
                GenerationResult result = fake.generate(request);
                deleteTree(folder);
                return result;
            }

            @Override
            public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public GenerationStream stream(GenerationRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                fake.close();
            }
        };

        CliRunner.Result run = new CliRunner().portFactory(s -> vanishing).run("generate", "--transport", "fake",
                "-p", "A cat", "-o", folder.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(17);
        Matcher kept = Pattern.compile("the image was kept in (\\S+\\.png)").matcher(run.err());
        assertThat(kept.find()).as(run.err()).isTrue();
        Path rescued = Path.of(kept.group(1));
        try {
            assertThat(TestImages.size(rescued)).containsExactly(1024, 1024);
            assertThat(run.err()).contains("could not write " + folder.resolve("cat.png")).contains("no such file or folder");
        } finally {
            Files.deleteIfExists(rescued);
        }
    }

    @Test
    void folderNumbersCountAcrossExtensions() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("many"));
        for (int n = 1; n <= 5; n++) {
            Files.write(folder.resolve("gemini-image-" + n + ".jpg"), new byte[] {1});
        }

        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-p", "A cat", "-o", folder + "/");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(folder.resolve("gemini-image-6.png")).exists();
        assertThat(folder.resolve("gemini-image-1.png")).doesNotExist();
    }

    @Test
    void aGifNameForAPngIsCorrectedToPng() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-p", "A cat",
                "-o", dir.resolve("a.gif").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("a.gif")).doesNotExist();
        assertThat(dir.resolve("a.png")).exists();
        assertThat(run.out()).contains("wrote " + dir.resolve("a.png"));
    }

    @Test
    void aPartialCountRunSaysOnStderrHowManyWereWritten() {
        FakeImageGeneration fake = FakeImageGeneration.create();
        fake.enqueue(FakeResponse.generatedImage(), FakeResponse.serverError());

        CliRunner.Result run = new CliRunner().portFactory(s -> fake).run("generate", "-p", "A cat", "-n", "3",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).contains("1 of 3 images written (cat-1.png)");
    }

    @Test
    void aNoImageAnswerLeavesASessionThatTheNextEditContinues() throws Exception {
        // One fake per run (the command line closes its port); the second run's answers NO_IMAGE.
        FakeImageGeneration[] fakes = {FakeImageGeneration.create(), FakeImageGeneration.create(), FakeImageGeneration.create()};
        fakes[1].enqueue(FakeResponse.noImage());
        AtomicInteger runs = new AtomicInteger();
        Path cat = TestImages.write(dir.resolve("cat.png"), 64, 48);
        Path session = dir.resolve("s.json");
        CliRunner cli = new CliRunner().portFactory(s -> fakes[runs.getAndIncrement()]);

        cli.run("edit", "--transport", "fake", "--image", cat.toString(), "-p", "Add a hat", "--session", session.toString(),
                "-o", dir.resolve("1.png").toString());
        CliRunner.Result empty = cli.run("edit", "--transport", "fake", "-p", "Now watercolour", "--session", session.toString(),
                "-o", dir.resolve("2.png").toString());
        String afterEmpty = Files.readString(session);
        int turnsAfterEmpty;
        try (InputStream in = Files.newInputStream(session)) {
            turnsAfterEmpty = ConversationCodec.read(in).turns().size();
        }
        CliRunner.Result again = cli.run("edit", "--transport", "fake", "-p", "Now watercolour", "--session", session.toString(),
                "-o", dir.resolve("3.png").toString());

        assertThat(empty.exitCode()).isEqualTo(16);
        assertThat(afterEmpty).doesNotContain("\"parts\":[]").doesNotContain("\"parts\": []");
        assertThat(turnsAfterEmpty).isEqualTo(2);
        assertThat(again.exitCode()).as(again.err()).isZero();
        fakes[2].assertLastRequest().hasHistoryTurns(2);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
