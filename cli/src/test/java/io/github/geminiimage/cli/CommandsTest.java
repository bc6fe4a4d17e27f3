package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate and edit, in-process, over the fake. */
class CommandsTest {

    @TempDir
    Path dir;

    private final FakeImageGeneration fake = FakeImageGeneration.create();
    private final CliRunner cli = new CliRunner().portFactory(settings -> fake);

    @Test
    void generateWritesTheModelsPngAndReportsFileSizeFinishReasonAndTokens() throws Exception {
        Path out = dir.resolve("apple.png");

        CliRunner.Result run = cli.run("generate", "--transport", "fake", "--prompt", "A red apple",
                "--aspect-ratio", "16:9", "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(TestImages.size(out)).containsExactly(1344, 768);
        assertThat(Files.readAllBytes(out)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(run.out()).contains("wrote " + out + " (1344x768, image/png, ")
                .contains("finish reason: STOP; tokens: prompt ")
                .contains("output 1")
                .contains("model text: Here is an image of \"A red apple\".");
        fake.assertLastRequest().hasModel("gemini-2.5-flash-image").hasPrompt("A red apple")
                .hasAspectRatio(AspectRatio.RATIO_16_9).hasImageCount(0);
    }

    @Test
    void withoutAKeyOrATransportTheFakeAnswersAndSaysSoInOneLine() {
        CliRunner.Result run = new CliRunner().run("generate", "-p", "A kite", "-o", dir.resolve("kite.png").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines()).singleElement().asString()
                .contains("GEMINI_API_KEY is not set").contains("fake");
        assertThat(dir.resolve("kite.png")).exists();
    }

    @Test
    void editSendsEveryImageAndAnswersInTheFirstImagesRatio() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.jpg"), 300, 400);
        Path hat = TestImages.write(dir.resolve("hat.png"), 50, 50);
        Path out = dir.resolve("cat-hat.png");

        CliRunner.Result run = cli.run("edit", "--image", cat.toString(), "--image", hat.toString(),
                "--prompt", "Put the hat on the cat", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestImages.size(out)).containsExactly(864, 1184);
        fake.assertLastRequest().hasImageCount(2).hasImageTypes(MediaType.JPEG, MediaType.PNG)
                .hasPrompt("Put the hat on the cat").hasNoAspectRatio();
    }

    @Test
    void aGemini3JpegIsNotWrittenUnderAPngName() throws Exception {
        Path asked = dir.resolve("fox.png");

        CliRunner.Result run = cli.run("generate", "-p", "A fox", "-m", "gemini-3-pro-image", "--image-size", "2K",
                "-a", "3:2", "-o", asked.toString());

        Path written = dir.resolve("fox.jpg");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(asked).doesNotExist();
        assertThat(TestImages.size(written)).containsExactly(2528, 1696);
        assertThat(run.out()).contains("wrote " + written + " (2528x1696, image/jpeg");
        fake.assertLastRequest().hasImageSize(ImageSize.SIZE_2K);
    }

    @Test
    void countMakesOneCallPerImageAndNumbersTheFiles() throws Exception {
        CliRunner.Result run = cli.run("generate", "-p", "A boat", "--count", "3", "-o", dir.resolve("boat.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("boat-1.png")).exists();
        assertThat(dir.resolve("boat-2.png")).exists();
        assertThat(dir.resolve("boat-3.png")).exists();
        assertThat(dir.resolve("boat.png")).doesNotExist();
        fake.assertRequestCount(3);
        assertThat(run.out().lines().filter(l -> l.startsWith("wrote "))).hasSize(3);
    }

    @Test
    void aFolderAsOutGetsNumberedFilesAtTheFirstFreeNumbers() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("pictures"));
        Files.writeString(folder.resolve("gemini-image-1.png"), "an older picture");

        CliRunner.Result run = cli.run("generate", "-p", "A tree", "-n", "2", "-o", folder.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(folder.resolve("gemini-image-1.png"))).isEqualTo("an older picture");
        assertThat(TestImages.size(folder.resolve("gemini-image-2.png"))).containsExactly(1024, 1024);
        assertThat(TestImages.size(folder.resolve("gemini-image-3.png"))).containsExactly(1024, 1024);
    }

    @Test
    void aNewFolderEndingInASlashIsCreated() throws Exception {
        CliRunner.Result run = cli.run("generate", "-p", "A tree", "-o", dir.resolve("new") + "/");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("new").resolve("gemini-image-1.png")).exists();
    }

    @Test
    void anExistingFileIsNotReplacedWithoutForceAndNoCallIsMade() throws Exception {
        Path out = Files.writeString(dir.resolve("keep.png"), "precious");

        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-p", "A cat", "-o", out.toString());

        assertThat(run.exitCode()).isEqualTo(17);
        assertThat(run.err().lines()).singleElement().asString()
                .contains(out + " already exists").contains("--force");
        assertThat(Files.readString(out)).isEqualTo("precious");
        fake.assertRequestCount(0);
    }

    @Test
    void forceReplacesTheFileAtomicallyLeavingNoTemporaryFile() throws Exception {
        Path out = Files.writeString(dir.resolve("replace.png"), "old");

        CliRunner.Result run = cli.run("generate", "-p", "A cat", "-o", out.toString(), "--force");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestImages.size(out)).containsExactly(1024, 1024);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void theOutputFileIsReadableByOthersLikeAnyImage() throws Exception {
        Path out = dir.resolve("shared.png");

        cli.run("generate", "-p", "A cat", "-o", out.toString());

        if (Files.getFileAttributeView(out, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                    .isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aMissingOutputFolderIsAFileProblemBeforeAnyCall() {
        CliRunner.Result run = cli.run("generate", "-p", "A cat", "-o", dir.resolve("no/such/out.png").toString());

        assertThat(run.exitCode()).isEqualTo(17);
        assertThat(run.err()).contains("does not exist");
        fake.assertRequestCount(0);
    }

    @Test
    void theKeyNeverAppearsInAnyOutput() {
        CliRunner.Result run = new CliRunner().withKey("AIzaSy-secret-key-123").run("generate", "--transport", "fake",
                "-p", "A cat", "-o", dir.resolve("cat.png").toString(), "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("secret-key");
    }
}
