package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.adapter.fake.FakeStream;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says names the model in play and suggests only what it has. */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownRatioNamesTheModelAndListsOnlyItsRatios() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-a", "7:3", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString()
                .contains("aspectRatio: \"7:3\" is not allowed; expected one of [1:1, ").contains("21:9] for gemini-2.5-flash-image")
                .doesNotContain("1:8");
    }

    @Test
    void aRatioTheModelLacksIsRefusedInTheSameWords() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-a", "1:8", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("aspectRatio: \"1:8\" is not allowed; expected one of [1:1, ").contains("for gemini-2.5-flash-image");
    }

    @Test
    void aTimeoutOnAModelWithoutSizesDoesNotSuggestImageSize() {
        CliRunner.Result flash = new CliRunner().run("generate", "--fake-outcome", "timeout", "-p", "A cat",
                "-o", dir.resolve("a.png").toString());
        CliRunner.Result pro = new CliRunner().run("generate", "--fake-outcome", "timeout", "-m", "gemini-3-pro-image",
                "-p", "A cat", "-o", dir.resolve("b.png").toString());

        assertThat(flash.exitCode()).isEqualTo(9);
        assertThat(flash.err()).contains("raise --timeout").doesNotContain("--image-size").doesNotContain("PT");
        assertThat(pro.err()).contains("--image-size");
    }

    private CliRunner.Result generateAnswered(FakeResponse response, String... more) {
        FakeImageGeneration fake = FakeImageGeneration.create();
        fake.enqueue(response);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("generate", "--transport", "fake", "-p", "A cat",
                "-o", dir.resolve("cat-" + System.nanoTime() + ".png").toString()));
        args.addAll(java.util.List.of(more));
        return new CliRunner().portFactory(settings -> fake).run(args.toArray(String[]::new));
    }

    @Test
    void aPaymentRequiredPointsAtBillingNotAtWaitingOrRetries() {
        CliRunner.Result run = generateAnswered(FakeResponse.failure(() -> new RateLimitedException(
                "HTTP 402 PAYMENT_REQUIRED: billing is not enabled", new ErrorDetails(402, Optional.of("PAYMENT_REQUIRED"),
                        Optional.of("billing is not enabled"), 1, Optional.empty()), Optional.empty(), QuotaScope.UNKNOWN)));

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("billing").doesNotContain("--retries").doesNotContain("wait");
    }

    @Test
    void aRetryDelayReadsTheSameInTheMessageAndTheHint() {
        CliRunner.Result run = generateAnswered(FakeResponse.failure(() -> new RateLimitedException(
                "HTTP 429 RESOURCE_EXHAUSTED: quota (retry after 2.500s; per-minute quota)", new ErrorDetails(429,
                        Optional.of("RESOURCE_EXHAUSTED"), Optional.of("quota"), 3, Optional.empty()),
                Optional.of(Duration.ofMillis(2500)), QuotaScope.PER_MINUTE)));

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("retry after 2.5 s").contains("wait 2.5 s and run again").doesNotContain("2.500s")
                .doesNotContain("3 s");
    }

    @Test
    void theJsonErrorSaysDurationsAndSizesAsStderrDoes() {
        CliRunner.Result slow = generateAnswered(FakeResponse.failure(() -> new GenerationTimeoutException(
                "no reply within PT2S", ErrorDetails.ofAttempts(1))), "--json");
        CliRunner.Result large = generateAnswered(FakeResponse.responseTooLarge(), "--json");

        assertThat(slow.err()).contains("no reply within 2 s");
        assertThat(slow.out()).contains("no reply within 2 s\"").doesNotContain("PT2S");
        assertThat(large.err()).contains("64 MB").doesNotContain("67108864");
        assertThat(large.out()).contains("64 MB").doesNotContain("67108864");
    }

    @Test
    void aStreamCutAfterItsFirstEventDoesNotAdviseRetries() {
        FakeStream cut = FakeStream.builder().thought("Planning the picture").fail(() -> new TransportException(
                "the connection was reset in the middle of the stream", ErrorDetails.ofAttempts(1))).build();

        CliRunner.Result run = generateAnswered(FakeResponse.streamed(cut), "-m", "gemini-3-pro-image", "--stream");

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.err()).contains("stream was cut after its first event").contains("--retries does not help")
                .doesNotContain("or raise --retries");
    }
}
