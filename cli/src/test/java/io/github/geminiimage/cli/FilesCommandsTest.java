package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.internal.Transports;
import io.github.geminiimage.domain.file.Sha256;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** files upload, list, get and delete over the offline fake, whose store is kept in a folder. */
class FilesCommandsTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner().clients(new Transports(dir.resolve("store")));
    }

    private static String firstWord(String out) {
        return out.strip().split("\\s+", 2)[0];
    }

    @Test
    void uploadPrintsTheStoredFilesNameAsTheFirstWordOfStdout() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 40, 30);

        CliRunner.Result run = cli().run("files", "upload", "--transport", "fake", cat.toString(), "--name", "my cat");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(firstWord(run.out())).matches("files/[a-z0-9]{12}");
        assertThat(run.out()).contains("image/png").contains("ACTIVE").contains("\"my cat\"")
                .contains("uri: https://generativelanguage.googleapis.com/v1beta/" + firstWord(run.out()));
    }

    @Test
    void uploadWithJsonPrintsTheFileResource() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 40, 30);

        CliRunner.Result run = cli().run("files", "upload", "--transport", "fake", "--json", cat.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String name = run.out().replaceAll("(?s).*\"name\": \"(files/[a-z0-9]+)\".*", "$1");
        Sha256 digest = Sha256.of(Files.readAllBytes(cat));
        assertThat(run.out()).startsWith("{")
                .contains("\"uri\": \"https://generativelanguage.googleapis.com/v1beta/" + name + "\"")
                .contains("\"mimeType\": \"image/png\"")
                .contains("\"sizeBytes\": " + Files.size(cat) + ",")
                .contains("\"state\": \"ACTIVE\"")
                .contains("\"sha256Hash\": \"" + digest.toFilesApi() + "\"")
                .contains("\"sha256\": \"" + digest.hex() + "\"");
    }

    @Test
    void aLaterRunListsGetsAndDeletesTheUploadedFile_theFakesStoreOutlivesTheProcess() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 40, 30);
        String name = firstWord(cli().run("files", "upload", "--transport", "fake", cat.toString()).out());

        CliRunner.Result list = cli().run("files", "list", "--transport", "fake");
        CliRunner.Result get = cli().run("files", "get", "--transport", "fake", name);
        CliRunner.Result delete = cli().run("files", "delete", "--transport", "fake", name);
        CliRunner.Result listAfter = cli().run("files", "list", "--transport", "fake");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines()).singleElement().asString().startsWith(name + "  image/png");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(firstWord(get.out())).isEqualTo(name);
        assertThat(get.out()).contains("sha256: " + Sha256.of(Files.readAllBytes(cat)).hex());
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out().strip()).isEqualTo("deleted " + name);
        assertThat(listAfter.exitCode()).isZero();
        assertThat(listAfter.out()).isEmpty();
        assertThat(dir.resolve("store")).isEmptyDirectory();
    }

    @Test
    void listWithJsonPrintsEveryFileInUploadOrder() throws Exception {
        Path a = TestImages.write(dir.resolve("a.png"), 10, 10);
        Path b = TestImages.write(dir.resolve("b.jpg"), 10, 10);
        String first = firstWord(cli().run("files", "upload", "--transport", "fake", a.toString()).out());
        String second = firstWord(cli().run("files", "upload", "--transport", "fake", b.toString()).out());

        CliRunner.Result run = cli().run("files", "list", "--transport", "fake", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\n  \"files\": [");
        assertThat(run.out().indexOf(first)).isPositive().isLessThan(run.out().indexOf(second));
        assertThat(run.out()).contains("\"mimeType\": \"image/jpeg\"");
    }

    @Test
    void aFileThatDoesNotExistIsAnInvalidRequest_exit3_likeAMissingImage() {
        String missing = dir.resolve("missing.png").toString();

        CliRunner.Result upload = cli().run("files", "upload", "--transport", "fake", missing);
        CliRunner.Result edit = cli().run("edit", "--transport", "fake", "--image", missing, "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(upload.exitCode()).isEqualTo(3).isEqualTo(edit.exitCode());
        assertThat(upload.err().lines()).singleElement().asString()
                .startsWith("gemini-image files upload: ").contains(missing).contains("does not exist");
        assertThat(upload.out()).isEmpty();
    }

    @Test
    void getOfANameTheStoreDoesNotHoldFailsAsTheServiceDoes_withAHintThatItMayNotExist() {
        CliRunner.Result run = cli().run("files", "get", "--transport", "fake", "--json", "files/nosuchfile");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err().lines()).singleElement().asString().contains("the file may not exist");
        assertThat(run.out()).contains("\"exitCode\": 5").contains("\"kind\": \"permission-denied\"");
    }

    @Test
    void aMalformedNameIsAnInvalidRequest() {
        CliRunner.Result run = cli().run("files", "delete", "--transport", "fake", "files/not a name");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    }

    @Test
    void theFakeRefusesFilesItCannotHoldInMemory_asAUsageError() throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(65L * 1024 * 1024); // sparse: nothing is written
        }

        CliRunner.Result run = cli().run("files", "upload", "--transport", "fake", big.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("takes at most 64 MB");
        assertThat(cli().run("files", "list", "--transport", "fake").out()).isEmpty();
    }

    @Test
    void onATerminalStderrShowsAProgressBarThatFitsTheWidthAndIsErasedAtTheEnd() throws Exception {
        Path cat = TestImages.write(dir.resolve("a-photo-with-a-rather-long-name-for-a-narrow-terminal.png"), 40, 30);

        CliRunner.Result run = cli().interactive(true).withEnvironment("COLUMNS", "50")
                .run("files", "upload", "--transport", "fake", cat.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("100%").contains("/s").contains("left").doesNotContain("\n");
        assertThat(Arrays.stream(run.err().split("\r")).mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(49);
        assertThat(run.err()).endsWith("\r");
        assertThat(firstWord(run.out())).startsWith("files/");
    }

    @Test
    void onAPipeTheUploadWritesNothingToStderr() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 40, 30);

        CliRunner.Result run = cli().interactive(false).run("files", "upload", "--transport", "fake", cat.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withoutAKeyTheFakeKeepsTheFilesAndSaysSoInOneLine() throws Exception {
        CliRunner.Result run = cli().run("files", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines()).singleElement().asString().contains("GEMINI_API_KEY is not set").contains("fake");
    }

    @Test
    void filesWithoutASubcommandIsAUsageError() {
        CliRunner.Result run = cli().run("files");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("choose a command: upload, list, get, delete");
    }

    @Test
    void theReadmeHasOneExampleOfEachFilesCommand() throws Exception {
        String readme = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve("README.md"));

        for (String command : new String[] {"upload samples/cat.png --name", "list", "get files/abc123 --json",
            "delete files/abc123"}) {
            assertThat(readme).contains("java -jar cli/target/gemini-image.jar files " + command);
        }
        assertThat(readme).contains("edit --image files/abc123");
    }

    @Test
    void theHelpListsTheExitCodesAndAnExample() {
        CliRunner.Result run = cli().run("files", "upload", "--help");

        assertThat(run.out()).contains("--mime").contains("--name").contains("--json").contains("--transport")
                .contains("Exit codes:").contains("17").contains("files upload cat.png");
    }

    private static CliRunner withFiles(io.github.geminiimage.adapter.fake.FakeFiles files) {
        // A client whose files view is the given store (each command closes the client, which closes the store).
        return new CliRunner().clients(settings -> new io.github.geminiimage.cli.internal.ClientViews(
                io.github.geminiimage.adapter.fake.FakeImageGeneration.create(), files,
                io.github.geminiimage.adapter.fake.FakeBatches.create(), files::close));
    }

    /** A fresh store (each command closes its port) whose next {@code operation} answers 404. */
    private static io.github.geminiimage.adapter.fake.FakeFiles failing(io.github.geminiimage.adapter.fake.FakeFiles.Operation operation) {
        return io.github.geminiimage.adapter.fake.FakeFiles.create().failNext(operation, FilesCommandsTest::notFound);
    }

    private static io.github.geminiimage.domain.error.NotFoundException notFound() {
        return new io.github.geminiimage.domain.error.NotFoundException("HTTP 404 NOT_FOUND: Not Found",
                new io.github.geminiimage.domain.error.ErrorDetails(404, java.util.Optional.of("NOT_FOUND"), java.util.Optional.empty(), 1,
                        java.util.Optional.empty()));
    }

    @Test
    void aNotFoundOnUploadOrListSaysTheBaseUrlHasNoFilesApiAndOnGetThatTheFileIsMissing() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 8, 8);

        CliRunner.Result list = withFiles(failing(io.github.geminiimage.adapter.fake.FakeFiles.Operation.LIST))
                .run("files", "list", "--transport", "fake");
        CliRunner.Result upload = withFiles(failing(io.github.geminiimage.adapter.fake.FakeFiles.Operation.UPLOAD))
                .run("files", "upload", "--transport", "fake", cat.toString());
        CliRunner.Result get = withFiles(failing(io.github.geminiimage.adapter.fake.FakeFiles.Operation.GET))
                .run("files", "get", "--transport", "fake", "files/abc123");

        assertThat(list.exitCode()).isEqualTo(6);
        assertThat(list.err()).contains("has no Files API").doesNotContain("may not exist");
        assertThat(upload.exitCode()).isEqualTo(6);
        assertThat(upload.err()).contains("has no Files API").doesNotContain("may not exist");
        assertThat(get.exitCode()).isEqualTo(6);
        assertThat(get.err()).contains("the file does not exist").doesNotContain("has no Files API");
    }

    @Test
    void aFileOfUnknownTypeIsRefusedNamingTheMimeOption() throws Exception {
        Path notes = Files.writeString(dir.resolve("README.md"), "# notes");

        CliRunner.Result run = cli().run("files", "upload", "--transport", "fake", notes.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--mime TYPE");
    }
}
