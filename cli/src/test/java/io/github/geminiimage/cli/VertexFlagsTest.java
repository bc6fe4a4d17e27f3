package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.cli.internal.Transport;
import io.github.geminiimage.cli.internal.TransportChoice;
import io.github.geminiimage.http.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --vertex-project} and {@code --vertex-location}: which endpoint and credentials, and the contradictions refused. */
class VertexFlagsTest {

    @TempDir
    Path dir;

    private final List<TransportChoice> opened = new ArrayList<>();
    private final CliRunner cli = new CliRunner().portFactory(settings -> {
        opened.add(settings);
        return FakeImageGeneration.create();
    });

    private CliRunner.Result generate(CliRunner runner, String... options) {
        List<String> args = new ArrayList<>(List.of("generate", "-p", "A cat", "-o", dir.resolve("cat.png").toString()));
        args.addAll(List.of(options));
        return runner.run(args.toArray(String[]::new));
    }

    private static void assertUsage(CliRunner.Result run, String says) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains(says);
    }

    @Test
    void aProjectWithoutAKeyCallsVertexWithApplicationDefaultCredentialsInTheGlobalLocation() {
        CliRunner.Result run = generate(cli, "--vertex-project", "my-project");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        TransportChoice settings = opened.get(0);
        assertThat(settings.transport()).isEqualTo(Transport.JDK);
        assertThat(settings.applicationDefaultCredentials()).isTrue();
        assertThat(settings.apiKey()).isEmpty();
        assertThat(settings.httpOptions().endpoint()).isEqualTo(Endpoint.vertex("my-project", "global"));
    }

    @Test
    void aLocationAndABaseUrlKeepTheVertexLayoutOnTheGivenServer() {
        CliRunner.Result run = generate(cli, "--vertex-project", "my-project", "--vertex-location", "europe-west4",
                "--base-url", "http://127.0.0.1:8080/vertex-proxy", "--transport", "httpclient5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(opened.get(0).transport()).isEqualTo(Transport.HTTPCLIENT5);
        assertThat(opened.get(0).httpOptions().endpoint()).isEqualTo(Endpoint.vertex("my-project", "europe-west4")
                .withBaseUri(URI.create("http://127.0.0.1:8080/vertex-proxy")));
    }

    @Test
    void theKeyWithAProjectMeansExpressModeAndSaysSoInOneLine() {
        CliRunner.Result run = generate(cli.withKey("express-key-1"), "--vertex-project", "my-project");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).singleElement().asString().contains("Vertex AI express mode");
        assertThat(run.err()).doesNotContain("express-key-1");
        assertThat(opened.get(0).httpOptions().endpoint()).isEqualTo(Endpoint.vertexExpress());
        assertThat(opened.get(0).applicationDefaultCredentials()).isFalse();
        assertThat(opened.get(0).apiKey()).isPresent();
    }

    @Test
    void contradictoryVertexOptionsAreUsageErrors() {
        assertUsage(generate(cli, "--vertex-location", "us-central1"), "--vertex-location needs --vertex-project");
        assertUsage(generate(cli, "--vertex-project", "p", "--auth", "bearer"), "drop --auth");
        assertUsage(generate(cli, "--vertex-project", "p", "--transport", "fake"), "--vertex-project is for a real endpoint");
        assertUsage(generate(cli, "--vertex-project", "p", "--fake-outcome", "image"), "--vertex-project asks for a real endpoint");
        assertUsage(generate(cli, "--vertex-project", "p/q"), "project \"p/q\" must be a plain identifier");
        assertUsage(generate(cli, "--vertex-project", "p", "--base-url", "http://127.0.0.1:9/proxy/v1/projects/p"),
                "pass --base-url http://127.0.0.1:9/proxy");
        assertUsage(generate(cli.withKey("k"), "--vertex-project", "p", "--vertex-location", "europe-west4"),
                "Vertex AI express mode serves only the global location");
        assertThat(opened).isEmpty();
    }

    @Test
    void expressModeCallsTheExpressPathWithTheKeyThroughARealTransport() throws Exception {
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.replyWithImage(8, 8);

            CliRunner.Result run = generate(new CliRunner().withKey("express-key-2"), "--vertex-project", "my-project",
                    "--base-url", server.baseUrl());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/v1/publishers/google/models/gemini-2.5-flash-image:generateContent");
                assertThat(r.header("x-goog-api-key")).isEqualTo("express-key-2");
            });
        }
    }
}
