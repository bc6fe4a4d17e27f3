package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.tck.TckSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI's default path for an image batch, end to end over HTTP with nothing in process between the
 * commands and the wire: the JSONL uploaded over the Files API's resumable protocol, the job created
 * from that file, polled, its results file downloaded over HTTP and every image saved by key, all
 * against the emulator, which speaks both the Files API and Batch Mode (its jobs on a virtual clock
 * the test moves on). Every saved file is compared byte for byte with the image the backend drew, and the key
 * appears in no output.
 */
class BatchFilesEndToEndTest {

    private static final int REQUESTS = 40; // above the inline limit of --via auto: the file path

    @TempDir
    Path dir;

    private final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private byte[] png;
    @AutoClose
    final GeminiEmulator server = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).uploadGranularity(256 * 1024)
            .clock(clock).start();

    @BeforeEach
    void setUp() throws IOException {
        png = Files.readAllBytes(TestImages.write(dir.resolve("answer.png"), 8, 8));
        server.batches().when(r -> true, FakeResponse.image(png));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void anImageBatchIsUploadedCreatedPolledDownloadedAndSavedByKeyByteForByte(String transport) throws IOException {
        CliRunner cli = new CliRunner().withKey(TckSecrets.SENTINEL_KEY);
        List<CliRunner.Result> outputs = new ArrayList<>();

        CliRunner.Result submitted = run(cli, outputs, transport, "submit", "--input", input().toString());
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String name = submitted.out().strip();
        assertThat(server.batches().inputMode(name)).contains(BatchInputMode.FILE);
        assertThat(server.batches().keys(name)).hasSize(REQUESTS).startsWith("sku-0", "sku-1");

        clock.advance(Duration.ofHours(2)); // the emulator's jobs run on this clock
        CliRunner.Result status = run(cli, outputs, transport, "status", name, "--wait");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out() + status.err()).contains("SUCCEEDED");

        Path out = dir.resolve("out");
        CliRunner.Result saved = run(cli, outputs, transport, "results", name, "--out", out.toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();

        Map<String, byte[]> written = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                written.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertThat(written).hasSize(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(written.get("sku-" + i + ".png")).as("sku-" + i + ".png").isEqualTo(png);
        }
        // Over HTTP from the one server: the input uploaded in chunks, the results file downloaded.
        assertThat(server.uploadCommands()).isNotEmpty().last().asString().startsWith("finalize@");
        assertThat(server.requests()).anyMatch(r -> r.method().equals("POST") && r.path().startsWith("/v1beta/models/")
                && r.path().endsWith(":batchGenerateContent"));
        assertThat(outputs).allSatisfy(r -> assertThat(r.out() + r.err()).doesNotContain(TckSecrets.SENTINEL_KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void aRefusedKeyFailsEveryCommandWithoutShowingIt(String transport) throws IOException {
        String wrong = TckSecrets.SENTINEL_KEY + "-wrong";
        CliRunner cli = new CliRunner().withKey(wrong);
        List<CliRunner.Result> outputs = new ArrayList<>();

        CliRunner.Result submitted = run(cli, outputs, transport, "submit", "--input", input().toString());
        CliRunner.Result status = run(cli, outputs, transport, "status", "batches/abc123");
        CliRunner.Result results = run(cli, outputs, transport, "results", "batches/abc123", "--out", dir.resolve("o").toString());

        assertThat(List.of(submitted, status, results)).allSatisfy(r -> assertThat(r.exitCode()).isNotZero());
        assertThat(outputs).allSatisfy(r -> assertThat(r.out() + r.err()).isNotBlank().doesNotContain(wrong)
                .doesNotContain(TckSecrets.SENTINEL_KEY));
    }

    private CliRunner.Result run(CliRunner cli, List<CliRunner.Result> outputs, String transport, String... command) {
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(command));
        all.addAll(List.of("--transport", transport, "--base-url", server.baseUri().toString(), "--state-file",
                dir.resolve("state.json").toString()));
        CliRunner.Result result = cli.run(all.toArray(String[]::new));
        outputs.add(result);
        return result;
    }

    private Path input() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            lines.add("{\"key\": \"sku-" + i + "\", \"prompt\": \"product shot " + i + "\"}");
        }
        return Files.write(dir.resolve("prompts.jsonl"), lines, StandardCharsets.UTF_8);
    }
}
