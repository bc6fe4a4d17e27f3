package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.cli.internal.ClientFactory;
import io.github.geminiimage.cli.internal.ClientViews;
import io.github.geminiimage.domain.batch.BatchJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch commands end to end through one fake that lives across the runs, on a virtual clock. */
class BatchCommandsTest {

    @TempDir
    Path dir;

    private final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private FakeBatches fake;
    private CliRunner cli;
    private Path state;

    @BeforeEach
    void setUp() throws IOException {
        Path png = TestImages.write(dir.resolve("answer.png"), 8, 8);
        fake = FakeBatches.builder().clock(clock).response(FakeResponse.image(Files.readAllBytes(png))).build();
        cli = new CliRunner().clients(sharing(fake));
        state = dir.resolve("state.json");
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    /** Each command closes its client; the fake must outlive them, as a server does. */
    private static ClientFactory sharing(FakeBatches fake) {
        return settings -> new ClientViews(FakeImageGeneration.create(), fake.files(), fake, () -> { });
    }

    private CliRunner.Result batch(String... args) {
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(args));
        all.addAll(List.of("--transport", "fake", "--state-file", state.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    private Path input(List<String> lines) throws IOException {
        return Files.write(dir.resolve("prompts.jsonl"), lines, StandardCharsets.UTF_8);
    }

    @Test
    void aThousandRequestJobGoesFromJsonlToAFolderWithEveryKeyOnceFailuresReportedAndARerunSkipping() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add(String.format("{\"key\": \"sku-%04d\", \"prompt\": \"product shot %d\"%s}", i, i,
                    i % 100 == 0 ? ", \"aspectRatio\": \"16:9\"" : ""));
        }
        Path input = input(lines);
        fake.failRequest("sku-0007", () -> new io.github.geminiimage.domain.error.InvalidRequestException("HTTP 400 bad",
                io.github.geminiimage.domain.error.ErrorDetails.NONE));
        fake.failRequest("sku-0500", () -> new io.github.geminiimage.domain.error.ServerErrorException("HTTP 500 internal",
                io.github.geminiimage.domain.error.ErrorDetails.NONE));

        CliRunner.Result submitted = batch("submit", "--input", input.toString(), "--aspect-ratio", "1:1");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String name = submitted.out().strip();
        assertThat(name).startsWith("batches/");
        assertThat(Files.readString(state)).contains(name).contains(input.toAbsolutePath().toString());
        assertThat(fake.keys(name)).hasSize(1000).doesNotHaveDuplicates();

        CliRunner.Result waited = batch("status", "--wait");
        assertThat(waited.exitCode()).as(waited.err()).isZero();
        assertThat(waited.out()).contains(name).contains("SUCCEEDED").contains("998 succeeded, 2 failed");

        Path out = dir.resolve("images");
        CliRunner.Result saved = batch("results", "--out", out.toString());
        assertThat(saved.out()).contains("written 998, failed 2, skipped 0");
        assertThat(saved.err()).contains("failed: sku-0007").contains("failed: sku-0500");
        assertThat(saved.exitCode()).isEqualTo(3);
        Map<String, Long> byKey;
        try (Stream<Path> files = Files.list(out)) {
            byKey = files.map(p -> p.getFileName().toString()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
        assertThat(byKey).hasSize(998).allSatisfy((file, count) -> assertThat(file).matches("sku-\\d{4}\\.png"));
        assertThat(byKey).doesNotContainKeys("sku-0007.png", "sku-0500.png");
        assertThat(Files.readAllBytes(out.resolve("sku-0999.png"))).isEqualTo(Files.readAllBytes(dir.resolve("answer.png")));

        Files.delete(out.resolve("sku-0042.png"));
        CliRunner.Result again = batch("results", name, "--out", out.toString());
        assertThat(again.out()).contains("written 1, failed 2, skipped 997");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> !p.getFileName().toString().matches("sku-\\d{4}\\.png"))).isEmpty();
        }
    }

    @Test
    void badLinesAreReportedWithTheirNumbersBeforeAnythingIsSubmitted() throws IOException {
        Path input = input(List.of(
                "{\"key\": \"a\", \"prompt\": \"fine\"}",
                "{\"key\": \"b\"}",
                "{\"key\": \"c\", \"prompt\": \"x\", \"aspectRatio\": \"7:3\"}",
                "",
                "{\"key\": \"d\", \"prompt\": \"x\", \"size\": \"2K\"}",
                "{\"key\": \"e\", \"prompt\": ",
                "{\"key\": \"a\", \"prompt\": \"again\"}"));
        CliRunner.Result result = batch("submit", "--input", input.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("5 bad line(s)").contains("line 2: prompt").contains("line 3: ")
                .contains("line 5: size").contains("line 6: ").contains("line 7: key");
        assertThat(result.err()).doesNotContain("line 1:").doesNotContain("line 4:");
        assertThat(fake.list()).isEmpty();
        assertThat(state).doesNotExist();
    }

    @Test
    void statusWithoutWaitShowsTheCountsAsJsonAndCancelListDeleteManageTheJob() throws IOException {
        Path input = input(List.of("{\"key\": \"a\", \"prompt\": \"one\"}", "{\"key\": \"b\", \"prompt\": \"two\"}"));
        String name = batch("submit", "--input", input.toString(), "--name", "two things", "--via", "file").out().strip();

        CliRunner.Result status = batch("status", "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("\"state\": \"PENDING\"").contains("\"total\": 2").contains("\"displayName\": \"two things\"");

        assertThat(batch("list").out()).contains(name).contains("two things");
        assertThat(batch("cancel").out()).contains("cancelled " + name);
        assertThat(fake.get(name).state().value()).isEqualTo("CANCELLED");
        assertThat(batch("cancel", name).exitCode()).isEqualTo(3);
        assertThat(batch("delete", name).exitCode()).isZero();
        assertThat(batch("status", name).exitCode()).isEqualTo(18);
        assertThat(fake.list().map(BatchJob::name)).doesNotContain(name);
    }

    @Test
    void aCommandWithoutNameAndWithoutStateFileIsAUsageError() {
        CliRunner.Result result = batch("status");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("name the job");
    }

    @Test
    void listJsonIsAnObjectOfBatchesWithTheOutputAsFields() throws IOException {
        Path input = input(List.of("{\"key\": \"a\", \"prompt\": \"one\"}"));
        String inline = batch("submit", "--input", input.toString(), "--via", "inline").out().strip();
        String file = batch("submit", "--input", input.toString(), "--via", "file").out().strip();
        clock.advance(java.time.Duration.ofHours(1));

        CliRunner.Result list = batch("list", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("{").contains("\"batches\": [").contains("\"name\": \"" + inline + "\"")
                .contains("\"inlinedResponses\": 1").contains("\"responsesFile\": \"files/batch-" + file.substring(8) + "\"")
                .doesNotContain("Inline[").doesNotContain("ResponsesFile[");
    }

    @Test
    void aMissingInputIsAnInvalidRequestSayingItDoesNotExist() {
        Path missing = dir.resolve("nope.jsonl");

        CliRunner.Result result = batch("submit", "--input", missing.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().lines()).singleElement().asString().contains(missing.toString() + " does not exist");
    }

    @Test
    void theFakeRefusesAnUnknownModelAsTheServiceDoes() throws IOException {
        Path input = input(List.of("{\"key\": \"a\", \"prompt\": \"one\"}"));

        CliRunner.Result result = batch("submit", "--input", input.toString(), "--model", "gemini-9-image");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).contains("models/gemini-9-image is not found").contains("check --model");
        assertThat(fake.list()).isEmpty();
    }

    @Test
    void aRatioErrorListsOnlyTheRatiosOfTheChosenModel() throws IOException {
        Path input = input(List.of("{\"key\": \"a\", \"prompt\": \"one\"}"));

        CliRunner.Result result = batch("submit", "--input", input.toString(), "--aspect-ratio", "7:3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("7:3").contains("21:9] for gemini-2.5-flash-image").doesNotContain("1:8");
    }

    @Test
    void resultsOfAPendingJobPointAtStatusWait() throws IOException {
        Path input = input(List.of("{\"key\": \"a\", \"prompt\": \"one\"}"));
        String name = batch("submit", "--input", input.toString()).out().strip();

        CliRunner.Result result = batch("results", "--out", dir.resolve("out").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains(name + " has no results yet: it is PENDING")
                .contains("gemini-image batch status --wait " + name).doesNotContain("(await)");
    }

    @Test
    void authRetriesAndVertexAreCheckedLikeTheOtherCommands() {
        CliRunner.Result authWithFake = batch("list", "--auth", "bearer");
        CliRunner.Result negative = batch("list", "--retries", "-1");
        CliRunner.Result vertex = batch("list", "--vertex-project", "p");

        assertThat(authWithFake.exitCode()).isEqualTo(2);
        assertThat(authWithFake.err()).contains("--auth is for a real endpoint");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--retries must be 0 or more; got -1");
        assertThat(vertex.exitCode()).isEqualTo(2);
        assertThat(vertex.err()).contains("Vertex AI").contains("drop --vertex-project");
        assertThat(new CliRunner().run("batch", "list", "--help").out()).contains("--auth").contains("--retries");
    }

    @Test
    void aNotFoundOnListBlamesTheBaseUrlNotAJobNorTheModel() {
        fake.failNext(FakeBatches.Operation.LIST, () -> new io.github.geminiimage.domain.error.NotFoundException("HTTP 404 NOT_FOUND",
                io.github.geminiimage.domain.error.ErrorDetails.NONE));

        CliRunner.Result result = batch("list");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).contains("check --base-url").doesNotContain("no such batch job").doesNotContain("--model");
    }
}
