package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --verbose}: every exchange on stderr, over a real transport on loopback, and never the key. */
class VerboseTest {

    /** A key that must appear on the wire and nowhere in what the command prints. */
    private static final String SENTINEL_KEY = "AIzaSentinelVerboseKey0123456789";

    @TempDir
    Path dir;

    @AutoClose
    final LoopbackGemini server = LoopbackGemini.perTest();

    @ParameterizedTest
    @CsvSource({"jdk, google", "jdk, bearer", "httpclient5, google", "httpclient5, raw"})
    void showsRequestHeadersRepliesTimingsAndTheRetryButNeverTheKey(String transport, String auth) throws Exception {
        server.reply(503, Map.of("Retry-After", "0", "X-Echo", "key " + SENTINEL_KEY),
                "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}").replyWithImage(8, 8);

        CliRunner.Result run = new CliRunner().withKey(SENTINEL_KEY).run("generate", "--verbose", "--transport", transport,
                "--auth", auth, "--base-url", server.baseUrl(), "--retries", "1", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.received()).hasSize(2);
        String credentialHeader = auth.equals("google") ? "x-goog-api-key" : "Authorization";
        assertThat(run.err())
                .contains("generateContent attempt 1: POST " + server.baseUrl()
                        + "/v1beta/models/gemini-2.5-flash-image:generateContent, body ")
                .contains("> " + credentialHeader + ": [redacted]")
                .contains("> User-Agent: gemini-image-java/")
                .contains("< 503 after ")
                .contains("generateContent: attempt 2 in 0 ms, after ServerErrorException")
                .contains("generateContent attempt 2: POST ")
                .contains("< 200 after ")
                .containsPattern("generateContent done: HTTP 200, 2 attempts, sent [0-9.]+ (B|KiB), received [0-9.]+ (B|KiB) in ");
        assertThat(run.out() + run.err()).doesNotContain(SENTINEL_KEY).doesNotContain(SENTINEL_KEY.substring(4));
        assertThat(run.out()).doesNotContain("[call ");
    }

    @Test
    void withoutVerboseNothingOfTheExchangeIsPrinted() throws Exception {
        server.replyWithImage(8, 8);

        CliRunner.Result run = new CliRunner().withKey(SENTINEL_KEY).run("generate", "--transport", "jdk",
                "--base-url", server.baseUrl(), "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("[call ");
    }

    @Test
    void withTheFakeItSaysThereIsNoExchangeToShow() {
        CliRunner.Result run = new CliRunner().run("generate", "--verbose", "--transport", "fake", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("--verbose shows HTTP exchanges, and the fake transport makes none");
    }

    @Test
    void filesCommandsShowTheirExchangesToo() throws Exception {
        server.reply(200, Map.of("Content-Type", "application/json"), "{\"files\":[]}");

        CliRunner.Result run = new CliRunner().withKey(SENTINEL_KEY).run("files", "list", "--verbose", "--transport", "jdk",
                "--base-url", server.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("attempt 1: GET " + server.baseUrl() + "/v1beta/files")
                .contains("> x-goog-api-key: [redacted]").doesNotContain(SENTINEL_KEY);
    }
}
