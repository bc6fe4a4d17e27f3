package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.ShadedJar.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shaded jar as users run it: {@code java -jar cli/target/gemini-image.jar ...} in its own
 * process, stdin closed and stderr a pipe (so no terminal), the key only in the environment.
 */
class GeminiImageJarIT {

    private final ShadedJar jar = ShadedJar.built();

    @TempDir
    Path dir;

    @Test
    void generatesOfflineWithoutAKeyAndSaysSoOnStderrInOneLine() throws Exception {
        Run run = run(Map.of(), "generate", "--prompt", "A lighthouse at dusk", "--aspect-ratio", "16:9", "--out", "lighthouse.png");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).singleElement().asString().contains("GEMINI_API_KEY is not set");
        assertThat(run.err()).doesNotContain("\r");
        assertThat(run.out()).startsWith("wrote " + dir.resolve("lighthouse.png").toRealPath() + " (1344x768, image/png, ")
                .contains("finish reason: STOP; tokens: prompt ");
        assertThat(TestImages.size(dir.resolve("lighthouse.png"))).containsExactly(1344, 768);
    }

    @Test
    void editsTheSampleThatShipsInTheRepositoryAsTheReadmeSays() throws Exception {
        Path sample = Path.of("..", "samples", "cat.png").toAbsolutePath().normalize();
        assertThat(sample).exists();

        Run run = run(Map.of(), "edit", "--transport", "fake", "--image", sample.toString(),
                "--prompt", "Add a small wizard hat", "--out", "cat-wizard.png", "--force");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("cat-wizard.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(TestImages.size(dir.resolve("cat-wizard.png"))).containsExactly(1184, 864);
    }

    @Test
    void theReadmesOfflineBatchFlowWorksAcrossProcesses() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> jvm = List.of("-Djava.io.tmpdir=" + tmp);
        Files.write(dir.resolve("prompts.jsonl"), List.of("{\"key\": \"red-mug\", \"prompt\": \"A red mug on oak\"}",
                "{\"key\": \"blue/mug\", \"prompt\": \"A blue mug on slate\", \"aspectRatio\": \"16:9\"}"), StandardCharsets.UTF_8);

        Run submit = run(jvm, Map.of(), "batch", "submit", "--input", "prompts.jsonl", "--model", "gemini-2.5-flash-image",
                "--via", "auto");
        Run again = run(jvm, Map.of(), "batch", "submit", "--input", "prompts.jsonl");
        Run status = run(jvm, Map.of(), "batch", "status", "--wait");
        Run results = run(jvm, Map.of(), "batch", "results", "--out", "shots/");
        Run list = run(jvm, Map.of(), "batch", "list", "--json");
        Run delete = run(jvm, Map.of(), "batch", "delete");
        Run gone = run(jvm, Map.of(), "batch", "status");

        assertThat(submit.exitCode()).as(submit.err()).isZero();
        String first = submit.out().strip();
        String second = again.out().strip();
        assertThat(second).startsWith("batches/").isNotEqualTo(first);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains(second).contains("SUCCEEDED");
        assertThat(results.exitCode()).as(results.err()).isZero();
        assertThat(dir.resolve("shots/red-mug.png")).exists();
        assertThat(dir.resolve("shots/blue%2Fmug.png")).exists();
        assertThat(list.out()).contains("\"batches\"").contains(first).contains(second);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(gone.exitCode()).isEqualTo(18);
        assertThat(gone.err()).contains("no such batch job " + second);
    }

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource({"invalid-request, 3", "authentication-failed, 4", "permission-denied, 5", "model-not-found, 6",
        "rate-limited, 7", "server-error, 8", "timeout, 9", "transport-failure, 10", "malformed-response, 11",
        "response-too-large, 12", "prompt-blocked, 13", "image-safety, 14", "text-only, 15", "no-image, 16"})
    void eachErrorClassHasItsExitCodeAndOneLine(String outcome, int exitCode) throws Exception {
        Run run = run(Map.of(), "generate", "--transport", "fake", "--fake-outcome", outcome, "-p", "A cat", "-o", "cat.png");

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err().lines()).singleElement().asString().startsWith("gemini-image generate: ");
        assertThat(dir.resolve("cat.png")).doesNotExist();
    }

    @Test
    void usageAndInvalidRequestsAndExistingFilesHaveTheirCodes() throws Exception {
        Path image = TestImages.write(dir.resolve("in.png"), 20, 20);
        Files.writeString(dir.resolve("taken.png"), "taken");

        Run usage = run(Map.of(), "generate", "--prompt", "x");
        Run invalid = run(Map.of(), "edit", "--transport", "fake", "-p", "Merge", "-i", image.toString(), "-i", image.toString(),
                "-i", image.toString(), "-i", image.toString(), "-o", "merged.png");
        Run exists = run(Map.of(), "generate", "--transport", "fake", "-p", "x", "-o", "taken.png");
        Run noKey = run(Map.of(), "generate", "--transport", "jdk", "-p", "x", "-o", "x.png");

        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err().lines()).singleElement().asString().contains("Missing required option");
        assertThat(invalid.exitCode()).isEqualTo(3);
        assertThat(invalid.err().lines()).singleElement().asString().contains("at most 3 images; got 4");
        assertThat(exists.exitCode()).isEqualTo(17);
        assertThat(Files.readString(dir.resolve("taken.png"))).isEqualTo("taken");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("GEMINI_API_KEY is not set");
    }

    @Test
    void jsonGoesToStdoutAsOneDocumentWithoutImageBytes() throws Exception {
        Run run = run(Map.of(), "generate", "--transport", "fake", "-p", "A kite", "-m", "gemini-3-pro-image",
                "-s", "2K", "-o", "kite.jpg", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(run.out()))) {
            json = reader.readObject();
        }
        JsonObject image = json.getJsonArray("results").getJsonObject(0).getJsonObject("image");
        assertThat(image.getString("mimeType")).isEqualTo("image/jpeg");
        assertThat(image.getInt("width")).isEqualTo(2048);
        assertThat(run.out()).hasSizeLessThan(4000);
    }

    @Test
    void aSessionCarriesAnEditIntoASecondRun() throws Exception {
        TestImages.write(dir.resolve("cat.png"), 300, 400);

        Run first = run(Map.of(), "edit", "--transport", "fake", "-m", "gemini-3.1-flash-image", "--image", "cat.png",
                "--prompt", "Add a wizard hat", "--session", "cat.session", "--out", "hat.jpg");
        Run second = run(Map.of(), "edit", "--transport", "fake", "-m", "gemini-3.1-flash-image",
                "--prompt", "now make it watercolour", "--session", "cat.session", "--out", "watercolour.jpg");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out()).contains("(2 turns)");
        assertThat(second.out()).contains("(4 turns)");
        assertThat(Files.readString(dir.resolve("cat.session"))).contains("thoughtSignature");
        assertThat(TestImages.size(dir.resolve("watercolour.jpg"))).containsExactly(896, 1200);
    }

    @Test
    void helpListsTheExitCodes() throws Exception {
        Run run = run(Map.of(), "edit", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("17   a local file problem").contains("--session=FILE");
    }

    @Test
    void theJdkTransportTalksToTheBaseUrlWithTheKeyFromTheEnvironment() throws Exception {
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.replyWithImage(32, 16);

            Run run = run(Map.of("GEMINI_API_KEY", "process-key-7"), "generate", "--base-url", server.baseUrl(),
                    "-p", "A red apple", "-o", "apple.png");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(server.received()).singleElement()
                    .satisfies(r -> assertThat(r.header("x-goog-api-key")).isEqualTo("process-key-7"));
            assertThat(TestImages.size(dir.resolve("apple.png"))).containsExactly(32, 16);
            assertThat(run.out() + run.err()).doesNotContain("process-key-7");
        }
    }

    private Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(List.of(), environment, args);
    }

    private Run run(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return jar.run(dir, jvmOptions, env -> {
            env.remove("GEMINI_API_KEY");
            env.putAll(environment);
        }, args);
    }
}
