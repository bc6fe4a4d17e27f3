package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.tck.RawHttpServer;
import io.github.geminiimage.tck.RecordedReplies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --proxy}: every call goes through the named forward proxy; misuse is a usage error naming the option. */
@Timeout(60)
class ProxyFlagTest {

    private static final String KEY = "test-key-not-secret-42";
    /** A host that never resolves: only a call through the proxy can reach it. */
    private static final String UNREACHABLE = "http://gemini.example.invalid";

    @TempDir
    Path dir;

    private RawHttpServer proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A loopback forward proxy for plain http: answers every request as the origin would, recording its target. */
    private RawHttpServer forwardProxy(byte[] reply) throws Exception {
        proxy = RawHttpServer.start(c -> {
            while (c.readRequest().isPresent()) {
                c.reply(200, "application/json", reply);
            }
        });
        return proxy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void generateSendsItsCallThroughTheProxy(String transport) throws Exception {
        RawHttpServer proxy = forwardProxy(RecordedReplies.forOutcome(Outcome.IMAGE));
        Path out = dir.resolve("img.png");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", transport,
                "--base-url", UNREACHABLE, "--proxy", proxy.baseUri().toString(), "-p", "A red apple", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(out)).isPositive();
        List<RawHttpServer.ReceivedRequest> requests = proxy.requests();
        assertThat(requests).hasSize(1);
        // A request to a forward proxy names the whole target (absolute form), not just the path.
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).target())
                .isEqualTo(UNREACHABLE + "/v1beta/models/gemini-2.5-flash-image:generateContent");
    }

    @Test
    void withoutATransportTheProxyAsksForARealOne() throws Exception {
        RawHttpServer proxy = forwardProxy(RecordedReplies.forOutcome(Outcome.IMAGE));

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--base-url", UNREACHABLE,
                "--proxy", proxy.baseUri().toString(), "-p", "A kite", "-o", dir.resolve("kite.png").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"transport\": \"jdk\"");
        assertThat(proxy.requests()).hasSize(1);
    }

    @Test
    void batchCommandsSendTheirCallsThroughTheProxy() throws Exception {
        RawHttpServer proxy = forwardProxy("{}".getBytes(StandardCharsets.UTF_8));

        CliRunner.Result run = new CliRunner().withKey(KEY).run("batch", "list", "--transport", "jdk",
                "--base-url", UNREACHABLE, "--proxy", proxy.baseUri().toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(proxy.requests()).hasSize(1);
        assertThat(proxy.requests().get(0).target()).startsWith(UNREACHABLE + "/v1beta/batches");
    }

    @Test
    void theProxyWithTheFakeTransportIsAUsageError() {
        CliRunner.Result generate = new CliRunner().run("generate", "--transport", "fake", "--proxy", "http://127.0.0.1:3128",
                "-p", "A cat", "-o", dir.resolve("cat.png").toString());
        CliRunner.Result batch = new CliRunner().run("batch", "list", "--transport", "fake", "--proxy", "http://127.0.0.1:3128");

        assertThat(generate.exitCode()).isEqualTo(2);
        assertThat(generate.err()).contains("--proxy is for a real endpoint and the fake transport makes no call");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err()).contains("--proxy is for a real endpoint and the fake transport makes no call");
        assertThat(dir.resolve("cat.png")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://proxy.example:3128", "http://proxy.example", "http://user:secret@proxy.example:3128",
            "http://proxy.example:3128/path"})
    void aProxyThatIsNotHttpHostPortIsAUsageErrorNamingTheOption(String bad) {
        CliRunner.Result generate = new CliRunner().withKey(KEY).run("generate", "--transport", "jdk", "--proxy", bad,
                "-p", "A cat", "-o", dir.resolve("cat.png").toString());
        CliRunner.Result batch = new CliRunner().withKey(KEY).run("batch", "list", "--transport", "jdk", "--proxy", bad);

        for (CliRunner.Result run : List.of(generate, batch)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("--proxy").contains("must be http://host:port").doesNotContain("secret");
        }
    }

    @Test
    void aProxyThatIsNotAUrlIsAUsageErrorNamingTheOption() {
        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", "jdk", "--proxy", "http://a b:1",
                "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--proxy");
    }
}
