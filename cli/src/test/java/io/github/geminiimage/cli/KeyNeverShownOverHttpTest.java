package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key is in no output of the CLI over real HTTP on loopback, on success and on every kind of
 * failure, in text and in JSON: the server below echoes the key it received into its error bodies,
 * its {@code Location} and its status text, as a hostile proxy might.
 */
class KeyNeverShownOverHttpTest {

    private static final String KEY = "AIzaSy-cli-secret-0123456789abcdefXYZ";

    @TempDir
    Path dir;

    @AutoClose
    final LoopbackGemini server = LoopbackGemini.perTest();

    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (String transport : List.of("jdk", "httpclient5")) {
            for (String scenario : List.of("success", "400 echoing the key", "401 echoing the key", "429 echoing the key",
                    "500 echoing the key", "redirect to the key", "connection refused")) {
                for (boolean json : List.of(false, true)) {
                    all.add(Arguments.of(transport, scenario, json));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, json {2}")
    @MethodSource("scenarios")
    void theKeyIsInNoOutput(String transport, String scenario, boolean json) throws Exception {
        String base = server.baseUrl();
        String echo = "{\"error\":{\"code\":%d,\"message\":\"the key " + KEY + " was refused (?key=" + KEY + ")\",\"status\":\"%s\"}}";
        switch (scenario) {
            case "success" -> server.replyWithImage(8, 8);
            case "400 echoing the key" -> server.reply(400, Map.of("Content-Type", "application/json"),
                    String.format(echo, 400, "INVALID_ARGUMENT"));
            case "401 echoing the key" -> server.reply(401, Map.of("Content-Type", "application/json"),
                    String.format(echo, 401, "UNAUTHENTICATED"));
            case "429 echoing the key" -> server.reply(429, Map.of("Content-Type", "application/json", "Retry-After", KEY),
                    String.format(echo, 429, "RESOURCE_EXHAUSTED"));
            case "500 echoing the key" -> server.reply(500, Map.of("Content-Type", "text/html"),
                    "<html><title>" + KEY + "</title><body>" + KEY + "</body></html>");
            case "redirect to the key" -> server.reply(302, Map.of("Location", "https://" + KEY + ".example/v1beta?key=" + KEY), "");
            case "connection refused" -> base = "http://127.0.0.1:" + freePort();
            default -> throw new IllegalArgumentException(scenario);
        }
        List<String> args = new ArrayList<>(List.of("generate", "--transport", transport, "--base-url", base,
                "--retries", "0", "-p", "A cat", "-o", dir.resolve("cat.png").toString()));
        if (json) {
            args.add("--json");
        }

        CliRunner.Result run = new CliRunner().withKey(KEY).run(args.toArray(String[]::new));

        if (scenario.equals("success")) {
            assertThat(run.exitCode()).as(run.err()).isZero();
        } else {
            assertThat(run.exitCode()).as("a failure exits non-zero").isNotZero();
            assertThat(run.out() + run.err()).as("the failure is reported").isNotBlank();
        }
        assertThat(run.out() + run.err()).doesNotContain(KEY).doesNotContain(KEY.substring(6));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
