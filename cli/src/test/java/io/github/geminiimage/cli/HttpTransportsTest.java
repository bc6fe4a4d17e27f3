package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real transports, in-process, against a Gemini-shaped endpoint on loopback (--base-url). */
class HttpTransportsTest {

    private static final String KEY = "test-key-not-secret-42";

    @TempDir
    Path dir;

    @AutoClose
    final LoopbackGemini server = LoopbackGemini.perTest();

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void sendsTheRequestWithTheKeyFromTheEnvironmentAndWritesTheImage(String transport) throws Exception {
        server.replyWithImage(64, 48);
        Path out = dir.resolve("img.png");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", transport,
                "--base-url", server.baseUrl(), "-p", "A red apple", "-a", "4:3", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TestImages.size(out)).containsExactly(64, 48);
        LoopbackGemini.Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.body()).contains("\"A red apple\"").contains("\"aspectRatio\":\"4:3\"");
        assertThat(run.out()).contains("finish reason: STOP; tokens: prompt 12, output 1294, total 1306");
        assertThat(run.out() + run.err()).doesNotContain(KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk"})
    void withAKeyAndNoTransportTheJdkTransportIsUsedWithBearerAuthForAProxy(String unused) throws Exception {
        server.replyWithImage(10, 10);

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--base-url", server.baseUrl(),
                "--auth", "bearer", "-p", "A kite", "-o", dir.resolve("kite.png").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"transport\": \"jdk\"");
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(server.received().get(0).header("x-goog-api-key")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void retriesA503AsToldAndShowsTheRetryOnATerminal(String transport) throws Exception {
        server.reply(503, Map.of("Retry-After", "0"), "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}")
                .replyWithImage(8, 8);

        CliRunner.Result run = new CliRunner().withKey(KEY).interactive(true).run("generate", "--transport", transport,
                "--base-url", server.baseUrl(), "--retries", "1", "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.received()).hasSize(2);
        assertThat(run.err()).contains("retry 1 in 0 s after HTTP 503");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void aRateLimitWithoutRetriesExitsWith7AndSaysHowLongToWait(String transport) {
        server.reply(429, Map.of("Content-Type", "application/json"), "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota.\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"34.4s\"}]}}");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", transport,
                "--base-url", server.baseUrl(), "--retries", "0", "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err().lines()).singleElement().asString().contains("rate limited").contains("retry after 34.4 s").contains("wait 34.4 s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void anInvalidKeyExitsWith4(String transport) {
        server.reply(400, Map.of("Content-Type", "application/json"), "{\"error\":{\"code\":400,\"message\":\"API key not valid.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", transport,
                "--base-url", server.baseUrl(), "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("check GEMINI_API_KEY").doesNotContain(KEY);
    }
}
