package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.cassette.CassetteFiles;
import io.github.geminiimage.tck.TckSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --record DIR} and {@code --replay DIR}: a command recorded with the key replays without it, offline. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CassetteCliTest {

    private static final String KEY = TckSecrets.SENTINEL_KEY;

    @TempDir
    Path dir;

    @Test
    void generateRecordedWithTheKeyReplaysTheSameImageWithNoKeyAndNoServer() throws IOException {
        Path cassette = dir.resolve("cassette");
        Path recorded = dir.resolve("recorded.png");
        LoopbackGemini.recordRedApple(KEY, cassette, recorded);
        Path replayed = dir.resolve("replayed.png");
        CliRunner.Result replay = new CliRunner().run("generate", "-p", "A red apple", "-o", replayed.toString(),
                "--replay", cassette.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(recorded));
        assertThat(replay.err()).doesNotContain("fake");
        assertThat(CassetteFiles.everyFile(cassette)).doesNotContain(KEY);
    }

    @Test
    void aCallThatWasNotRecordedExitsWithTheUsageCodeNamingTheRecordingAndWhatDiffers() throws IOException {
        Path cassette = dir.resolve("cassette");
        LoopbackGemini.recordRedApple(KEY, cassette, dir.resolve("a.png"));
        CliRunner.Result replay = new CliRunner().run("generate", "-p", "A green apple", "-o", dir.resolve("b.png").toString(),
                "--replay", cassette.toString());
        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).contains(cassette.toAbsolutePath().toString()).contains("0001-POST-generateContent.json")
                .contains("recorded \"A red apple\", requested \"A green apple\"").contains("--record");
        assertThat(Files.exists(dir.resolve("b.png"))).isFalse();
    }

    @Test
    void anEditThatLooksUpAFileByNameRecordsBothCallsAndReplaysThem() throws IOException {
        Path cassette = dir.resolve("edit");
        Path recorded = dir.resolve("recorded.png");
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.reply(200, java.util.Map.of("Content-Type", "application/json"), "{\"name\": \"files/cat1\", "
                    + "\"mimeType\": \"image/png\", \"sizeBytes\": \"1234\", \"state\": \"ACTIVE\", "
                    + "\"uri\": \"https://generativelanguage.googleapis.com/v1beta/files/cat1\"}");
            server.replyWithImage(32, 32);
            CliRunner.Result run = new CliRunner().withKey(KEY).run("edit", "--image", "files/cat1", "-p", "Add a hat",
                    "-o", recorded.toString(), "--base-url", server.baseUrl(), "--record", cassette.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(server.received()).hasSize(2);
        }
        Path replayed = dir.resolve("replayed.png");
        CliRunner.Result replay = new CliRunner().run("edit", "--image", "files/cat1", "-p", "Add a hat",
                "-o", replayed.toString(), "--replay", cassette.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(recorded));
    }

    @Test
    void aFilesUploadInChunksRecordsAndReplays() throws IOException {
        Path cassette = dir.resolve("upload");
        Path image = TestImages.write(dir.resolve("cat.png"), 300, 200);
        String live;
        try (GeminiEmulator server = GeminiEmulator.builder().apiKey(KEY).uploadGranularity(256).start()) {
            CliRunner.Result run = new CliRunner().withKey(KEY).run("files", "upload", image.toString(), "--name", "the cat",
                    "--base-url", server.baseUri().toString(), "--record", cassette.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            live = run.out();
        }
        CliRunner.Result replay = new CliRunner().run("files", "upload", image.toString(), "--name", "the cat",
                "--replay", cassette.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).isEqualTo(live).startsWith("files/");
        assertThat(CassetteFiles.everyFile(cassette)).doesNotContain(KEY).contains("upload_id=session-1");
    }

    @Test
    void aBatchSubmitRecordsAndReplays() throws IOException {
        Path cassette = dir.resolve("batch");
        Path input = Files.write(dir.resolve("prompts.jsonl"), List.of("{\"key\": \"a\", \"prompt\": \"a harbour\"}",
                "{\"key\": \"b\", \"prompt\": \"a meadow\"}"), StandardCharsets.UTF_8);
        FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        String live;
        try (GeminiEmulator server = GeminiEmulator.builder().apiKey(KEY).clock(clock).start()) {
            CliRunner.Result run = new CliRunner().withKey(KEY).run("batch", "submit", "--input", input.toString(),
                    "--base-url", server.baseUri().toString(), "--state-file", dir.resolve("state-1.json").toString(),
                    "--record", cassette.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            live = run.out();
        }
        CliRunner.Result replay = new CliRunner().run("batch", "submit", "--input", input.toString(),
                "--state-file", dir.resolve("state-2.json").toString(), "--replay", cassette.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).isEqualTo(live);
    }

    @Test
    void flagsThatContradictEachOtherOrAFolderNeverRecordedAreUsageErrors() {
        Path cassette = dir.resolve("never");
        CliRunner.Result fake = new CliRunner().run("generate", "-p", "x", "-o", dir.resolve("x.png").toString(),
                "--transport", "fake", "--record", cassette.toString());
        assertThat(fake.exitCode()).isEqualTo(2);
        assertThat(fake.err()).contains("--record").contains("fake");

        CliRunner.Result both = new CliRunner().withKey(KEY).run("generate", "-p", "x", "-o", dir.resolve("x.png").toString(),
                "--record", cassette.toString(), "--replay", cassette.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--record and --replay");

        CliRunner.Result noKey = new CliRunner().run("generate", "-p", "x", "-o", dir.resolve("x.png").toString(),
                "--record", cassette.toString());
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("GEMINI_API_KEY is not set").contains("--record");

        CliRunner.Result missing = new CliRunner().run("files", "list", "--replay", cassette.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--replay " + cassette).contains("record it first");
        assertThat(Files.exists(cassette)).isFalse();
    }
}
