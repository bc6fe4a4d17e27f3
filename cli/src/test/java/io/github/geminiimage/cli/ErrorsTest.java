package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.cli.internal.ExitCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each error class: one clear line on stderr and its own exit code. */
class ErrorsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource({
        "invalid-request, 3, invalid request: HTTP 400 INVALID_ARGUMENT",
        "authentication-failed, 4, check GEMINI_API_KEY",
        "permission-denied, 5, permission denied",
        "model-not-found, 6, check --model",
        "rate-limited, 7, (retry in 34.4 s); wait 34.4 s and run again",
        "server-error, 8, try again later",
        "timeout, 9, raise --timeout",
        "transport-failure, 10, check the network",
        "malformed-response, 11, the reply could not be read",
        "response-too-large, 12, the reply was too large",
        "prompt-blocked, 13, the prompt was blocked (PROHIBITED_CONTENT); rephrase the prompt",
        "image-safety, 14, the answer was blocked (IMAGE_SAFETY)",
        "text-only, 15, the model answered with text only",
        "no-image, 16, the model produced no image (NO_IMAGE)"})
    void eachOutcomeOfTheFakeHasItsExitCodeAndOneLineOnStderr(String outcome, int exitCode, String says) {
        Path out = dir.resolve("out.png");

        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--fake-outcome", outcome,
                "-p", "A cat", "-o", out.toString());

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err().lines()).singleElement().asString().startsWith("gemini-image generate: ").contains(says);
        assertThat(out).doesNotExist();
    }

    @Test
    void anImagelessResultStillReportsItsFinishReasonAndUsage() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--fake-outcome", "image-safety",
                "-p", "A cat", "-o", dir.resolve("out.png").toString());

        assertThat(run.out()).contains("finish reason: IMAGE_SAFETY; tokens: prompt ");
    }

    @Test
    void tooManyImagesIsAnInvalidRequestNamingTheLimitAndTheCount() throws Exception {
        Path image = TestImages.write(dir.resolve("in.png"), 10, 10);
        String path = image.toString();

        CliRunner.Result run = new CliRunner().run("edit", "--transport", "fake", "-p", "Merge them",
                "-i", path, "-i", path, "-i", path, "-i", path, "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString()
                .contains("gemini-2.5-flash-image").contains("at most 3 images; got 4").contains("fix the request");
    }

    @Test
    void aRatioTheModelLacksIsAnInvalidRequest() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-p", "A tower", "-a", "1:4",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("aspectRatio").contains("1:4");
    }

    @Test
    void aMissingInputImageIsAnInvalidRequest() {
        CliRunner.Result run = new CliRunner().run("edit", "--transport", "fake", "-p", "Add a hat",
                "-i", dir.resolve("missing.jpg").toString(), "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("missing.jpg does not exist");
    }

    @Test
    void aRealTransportWithoutAKeyIsAUsageErrorThatSaysWhatToDo() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "jdk", "-p", "A cat",
                "-o", dir.resolve("out.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .contains("GEMINI_API_KEY is not set").contains("export GEMINI_API_KEY");
    }

    @Test
    void usageMistakesExitWith2AndOneLine() {
        assertUsage(new CliRunner().run("generate", "-o", "x.png"), "Missing required option: '--prompt=TEXT'");
        assertUsage(new CliRunner().run("generate", "-p", "x", "-o", "x.png", "--colour"), "Unknown option: '--colour'");
        assertUsage(new CliRunner().run("generate", "-p", "x", "-o", "x.png", "--transport", "carrier-pigeon"),
                "not one of fake, jdk, httpclient5");
        assertUsage(new CliRunner().run("generate", "-p", "x", "-o", "x.png", "--count", "0"), "--count must be 1 to 10");
        assertUsage(new CliRunner().run("generate", "-p", "x", "-o", "x.png", "--timeout", "soon"), "90s");
        assertUsage(new CliRunner().run("edit", "--transport", "fake", "-p", "x", "-o", dir.resolve("x.png").toString()),
                "edit needs an image");
        assertUsage(new CliRunner().run(), "choose a command: generate, edit, files, batch");
    }

    @Test
    void everyExitCodeIsDistinctAndListedInTheHelp() {
        Set<Integer> codes = new HashSet<>();
        Arrays.stream(ExitCode.values()).forEach(e -> codes.add(e.code()));
        assertThat(codes).hasSize(ExitCode.values().length);

        CliRunner.Result help = new CliRunner().run("generate", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:");
        String top = new CliRunner().run("--help").out();
        for (ExitCode exit : ExitCode.values()) {
            String start = exit.description().substring(0, Math.min(30, exit.description().length()));
            assertThat(top).contains(start);
            if (exit != ExitCode.NO_SUCH_JOB) {
                assertThat(help.out()).contains(start);
            }
        }
        assertThat(top).contains("Exit codes:").contains("generate").contains("edit").contains("batch");
    }

    @Test
    void aFailureAfterSomeImagesKeepsThemAndExitsWithTheFailuresCode() {
        FakeImageGeneration fake = FakeImageGeneration.create();
        fake.enqueue(FakeResponse.generatedImage(), FakeResponse.serverError());

        CliRunner.Result run = new CliRunner().portFactory(s -> fake).run("generate", "-p", "A cat", "-n", "3",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(dir.resolve("cat-1.png")).exists();
        assertThat(dir.resolve("cat-2.png")).doesNotExist();
        assertThat(run.out()).contains("wrote " + dir.resolve("cat-1.png"));
    }

    private static void assertUsage(CliRunner.Result run, String says) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains(says);
    }
}
