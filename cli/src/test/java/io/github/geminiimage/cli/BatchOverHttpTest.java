package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.emulator.GeminiEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batch commands over the HTTP transports, against the emulator (its jobs on a virtual clock the test moves on). */
class BatchOverHttpTest {

    @TempDir
    Path dir;

    private final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    @AutoClose
    final GeminiEmulator server = GeminiEmulator.builder().clock(clock).start();
    private Path state;

    @BeforeEach
    void setUp() throws IOException {
        Path png = TestImages.write(dir.resolve("answer.png"), 8, 8);
        server.batches().when(r -> true, FakeResponse.image(Files.readAllBytes(png)));
        state = dir.resolve("state.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void aFileJobIsSubmittedOverHttpAndItsResultsFileSavedToAFolder(String transport) throws IOException {
        // The client's own files view uploads the input and downloads the results through the server's Files API.
        CliRunner cli = new CliRunner().withKey("test-key-not-real");
        CliRunner.Result submitted = cli.run(args(transport, "submit", "--input", input(40).toString(), "--via", "file"));
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String name = submitted.out().strip();
        assertThat(server.batches().inputMode(name)).contains(BatchInputMode.FILE);
        assertThat(server.batches().keys(name)).hasSize(40);

        clock.advance(Duration.ofHours(2));
        Path out = dir.resolve("out");
        CliRunner.Result saved = cli.run(args(transport, "results", name, "--out", out.toString()));
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        try (var written = Files.list(out)) {
            assertThat(written.count()).isEqualTo(40);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void verboseShowsTheBatchExchangesOnStderrButNeverTheKey(String transport) {
        String key = "AIzaSentinelBatchVerboseKey0123";
        CliRunner cli = new CliRunner().withKey(key);

        CliRunner.Result listed = cli.run(args(transport, "list", "--verbose"));

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.err()).contains("attempt 1: GET " + server.baseUri().toString().replaceAll("/$", "") + "/v1beta/batches")
                .contains("> x-goog-api-key: [redacted]").contains("< 200 after ");
        assertThat(listed.out() + listed.err()).doesNotContain(key);
    }

    private String[] args(String transport, String... command) {
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(command));
        all.addAll(List.of("--transport", transport, "--base-url", server.baseUri().toString(), "--state-file", state.toString()));
        return all.toArray(String[]::new);
    }

    private Path input(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("{\"key\": \"sku-" + i + "\", \"prompt\": \"product shot " + i + "\"}");
        }
        return Files.write(dir.resolve("prompts-" + n + ".jsonl"), lines, StandardCharsets.UTF_8);
    }
}
