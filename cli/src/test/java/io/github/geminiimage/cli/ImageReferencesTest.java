package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.cli.internal.Transports;
import io.github.geminiimage.domain.MediaType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edit --image with files/..., https:// and gs:// references, over the fake and over HTTP. */
class ImageReferencesTest {

    private static final String KEY = "test-key-not-a-secret";

    @TempDir
    Path dir;

    @AutoClose
    final LoopbackGemini server = LoopbackGemini.perTest();

    private CliRunner cli() {
        return new CliRunner().clients(new Transports(dir.resolve("store")));
    }

    private String upload(Path file) {
        CliRunner.Result run = cli().run("files", "upload", "--transport", "fake", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().split("\\s+", 2)[0];
    }

    @Test
    void anUploadedFileIsEditedByNameOverTheFake_itsTypeLookedUpAndItsBytesReadByTheFake() throws Exception {
        String name = upload(TestImages.write(dir.resolve("cat.jpg"), 300, 400));
        Path out = dir.resolve("hat.png");

        CliRunner.Result run = cli().run("edit", "--transport", "fake", "--image", name, "-p", "Add a hat", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The fake answers in the first image's ratio: it read the 3:4 JPEG from the store.
        assertThat(TestImages.size(out)).containsExactly(864, 1184);
    }

    @Test
    void aNameTheStoreDoesNotHoldIsAnInvalidRequest_likeAMissingLocalFile() {
        CliRunner.Result run = cli().run("edit", "--transport", "fake", "--image", "files/nosuchfile", "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().contains("files/nosuchfile is not held by the Files API")
                .contains("files list");
    }

    @Test
    void aDeletedFileGivenWithItsTypeReachesTheFakeWhichRefusesItAsTheServiceDoes() {
        CliRunner.Result run = cli().run("edit", "--transport", "fake", "--image", "files/nosuchfile#image/png", "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
        assertThat(dir.resolve("out.png")).doesNotExist();
    }

    @Test
    void anHttpsUrlTakesItsTypeFromTheExtensionAndTheFakeAnswersAsTheServiceDoesForAnUnfetchableUrl() {
        FakeImageGeneration fake = FakeImageGeneration.create();
        CliRunner.Result run = new CliRunner().portFactory(settings -> fake).run("edit", "--transport", "fake",
                "--image", "https://example.com/photos/cat.webp?sig=secret", "-p", "x", "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("secret");
        fake.assertLastRequest().hasImageTypes(MediaType.WEBP);
    }

    @Test
    void aUrlWithoutAKnownExtensionIsAUsageErrorSayingHowToAppendTheType() {
        CliRunner.Result run = cli().run("edit", "--transport", "fake", "--image", "gs://bucket/photo", "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gs://bucket/photo#image/png");
    }

    @Test
    void anUnknownAppendedTypeIsAUsageError() {
        CliRunner.Result run = cli().run("edit", "--transport", "fake", "--image", "files/abc#image/gif", "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\"image/gif\" is not an image type the models read");
    }

    @Test
    void anHttpSchemeIsRefusedByTheDomainNamingWhatIsAccepted() {
        CliRunner.Result run = cli().run("edit", "--transport", "fake", "--image", "http://example.com/cat.png", "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("https://");
    }

    @Test
    void overHttpAReferenceWithItsTypeIsSentAsFileData() throws Exception {
        server.replyWithImage(64, 48);

        CliRunner.Result run = cli().withKey(KEY).run("edit", "--transport", "jdk", "--base-url", server.baseUrl(),
                "--image", "files/abc123#image/png", "--image", "https://example.com/cat.jpg", "-p", "x",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.received().get(0).body())
                .contains("{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":"
                        + "\"https://generativelanguage.googleapis.com/v1beta/files/abc123\"}}")
                .contains("{\"fileData\":{\"mimeType\":\"image/jpeg\",\"fileUri\":\"https://example.com/cat.jpg\"}}");
    }

    @Test
    void overHttpANameWithoutItsTypeIsLookedUpThroughTheFilesApiBeforeTheCall() {
        server.reply(200, Map.of("Content-Type", "application/json"), "{\"name\":\"files/abc123\","
                + "\"mimeType\":\"image/webp\",\"sizeBytes\":\"2048\",\"state\":\"ACTIVE\","
                + "\"uri\":\"https://generativelanguage.googleapis.com/v1beta/files/abc123\"}");
        server.replyWithImage(64, 48);

        CliRunner.Result run = cli().withKey(KEY).run("edit", "--transport", "jdk", "--base-url", server.baseUrl(),
                "--image", "files/abc123", "-p", "x", "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(0).method()).isEqualTo("GET");
        assertThat(server.received().get(0).path()).isEqualTo("/v1beta/files/abc123");
        assertThat(server.received().get(1).body()).contains("{\"fileData\":{\"mimeType\":\"image/webp\",\"fileUri\":"
                + "\"https://generativelanguage.googleapis.com/v1beta/files/abc123\"}}");
    }

    @Test
    void theFilesCommandsGoOverHttpAndTheTransportRulesOfGenerateApply() {
        server.reply(200, Map.of("Content-Type", "application/json"), "{\"files\":[{\"name\":\"files/abc123\","
                + "\"mimeType\":\"image/png\",\"sizeBytes\":\"10\",\"state\":\"ACTIVE\","
                + "\"uri\":\"https://generativelanguage.googleapis.com/v1beta/files/abc123\"}]}");
        CliRunner.Result http = cli().withKey(KEY).run("files", "list", "--base-url", server.baseUrl());
        CliRunner.Result fakeWithBase = cli().run("files", "list", "--transport", "fake", "--base-url", server.baseUrl());
        CliRunner.Result baseWithoutKey = cli().run("files", "list", "--base-url", server.baseUrl());
        CliRunner.Result versioned = cli().withKey(KEY).run("files", "list", "--base-url", server.baseUrl() + "/v1beta/files");

        assertThat(http.exitCode()).as(http.err()).isZero();
        assertThat(http.out()).startsWith("files/abc123");
        assertThat(server.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).startsWith("/v1beta/files");
        });
        assertThat(fakeWithBase.exitCode()).isEqualTo(2);
        assertThat(fakeWithBase.err()).contains("--base-url is for a real endpoint");
        assertThat(baseWithoutKey.exitCode()).isEqualTo(2);
        assertThat(baseWithoutKey.err()).contains("GEMINI_API_KEY is not set: the jdk transport (chosen because --base-url");
        assertThat(versioned.exitCode()).isEqualTo(2);
        assertThat(versioned.err()).contains("pass --base-url " + server.baseUrl());
    }
}
