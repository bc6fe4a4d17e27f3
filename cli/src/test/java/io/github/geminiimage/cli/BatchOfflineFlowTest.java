package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.internal.Transports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's offline batch flow as separate runs: each run gets fresh objects and shares with
 * the others only the fake's folder on disk and the state file, as separate processes do.
 */
@Timeout(120)
class BatchOfflineFlowTest {

    @TempDir
    Path dir;

    private Path jobs;
    private Path state;
    private Path input;

    @BeforeEach
    void setUp() throws IOException {
        jobs = dir.resolve("fake-jobs");
        state = dir.resolve("state.json");
        Path cat = TestImages.write(dir.resolve("cat.png"), 16, 12);
        input = Files.write(dir.resolve("prompts.jsonl"), List.of(
                "{\"key\": \"red\", \"prompt\": \"A red mug\"}",
                "{\"key\": \"odd/key?\", \"prompt\": \"A blue mug\", \"aspectRatio\": \"16:9\"}",
                "{\"key\": \"cat\", \"prompt\": \"The cat in a hat\", \"images\": [\"" + cat.getFileName() + "\"]}"),
                StandardCharsets.UTF_8);
    }

    /** One run, as a new process would make it: new factories over the same folder. */
    private CliRunner.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(args));
        all.addAll(List.of("--transport", "fake", "--state-file", state.toString()));
        return new CliRunner().clients(new Transports(dir.resolve("fake-files"), jobs)).run(all.toArray(String[]::new));
    }

    @Test
    void submitThenStatusWaitThenResultsInSeparateRunsSavesEveryImage() throws IOException {
        CliRunner.Result submitted = run("submit", "--input", input.toString());
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String name = submitted.out().strip();
        // The job keeps its requests: the input and its image may go.
        Files.delete(dir.resolve("cat.png"));
        Files.delete(input);

        CliRunner.Result waited = run("status", "--wait");
        assertThat(waited.exitCode()).as(waited.err()).isZero();
        assertThat(waited.out()).contains(name).contains("SUCCEEDED").contains("3 succeeded, 0 failed");

        Path out = dir.resolve("shots");
        CliRunner.Result saved = run("results", "--out", out.toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        assertThat(saved.out()).contains("written 3, failed 0, skipped 0");
        // The three results summed at the batch rates of the built-in table.
        assertThat(saved.out()).containsPattern("; estimated cost: \\$0\\.\\d{4} \\(batch prices of 2026-12-07\\)");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("red.png", "odd%2Fkey%3F.png", "cat.png");
        }
        assertThat(TestImages.size(out.resolve("odd%2Fkey%3F.png"))).containsExactly(1344, 768);

        CliRunner.Result list = run("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(name);
    }

    @Test
    void everySubmitGetsItsOwnNameAndTheListShowsBoth() {
        String first = run("submit", "--input", input.toString()).out().strip();
        String second = run("submit", "--input", input.toString()).out().strip();

        assertThat(first).startsWith("batches/");
        assertThat(second).startsWith("batches/").isNotEqualTo(first);
        assertThat(run("list").out()).contains(first).contains(second);
    }

    @Test
    void aCancelAndADeleteLastBeyondTheirRunAndAMissingJobIsNoSuchBatchJob() {
        String name = run("submit", "--input", input.toString()).out().strip();

        CliRunner.Result cancelled = run("cancel", name);
        assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
        assertThat(run("status", name).out()).contains("CANCELLED");
        assertThat(run("status", "--wait", name).out()).contains("CANCELLED");

        assertThat(run("delete", name).exitCode()).isZero();
        for (String command : List.of("status", "results", "cancel", "delete")) {
            CliRunner.Result gone = command.equals("results") ? run(command, name, "--out", dir.resolve("x").toString())
                    : run(command, name);
            assertThat(gone.exitCode()).as(command).isEqualTo(18);
            assertThat(gone.err()).as(command).contains("no such batch job " + name).doesNotContain("check --model");
        }
    }
}
