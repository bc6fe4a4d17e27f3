package io.github.geminiimage.cli;

import static io.github.geminiimage.domain.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.cli.internal.Transports;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gemini-image emulator --replay DIR}: a cassette recorded by the CLI served over HTTP to any client. */
@Timeout(60)
class EmulatorReplayTest {

    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aPlainHttpClientSendingARealKeyGetsTheRecordedReplyByteForByteAndAnUnrecordedPromptTheEnvelope() throws Exception {
        Path cassette = dir.resolve("cassette");
        String reply = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString(png(40, 30)) + "\"}}]},"
                + "\"finishReason\":\"STOP\"}],\n  \"modelVersion\": \"gemini-2.5-flash-image\"}\r\n";
        String sent;
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.reply(200, Map.of("Content-Type", "application/json; charset=UTF-8", "X-Recorded", "yes"), reply);
            CliRunner.Result run = new CliRunner().withKey("recording-key").run("generate", "--base-url", server.baseUrl(),
                    "-p", "A red apple", "-o", dir.resolve("recorded.png").toString(), "--record", cassette.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            sent = server.received().get(0).body();
            assertThat(server.received().get(0).path()).isEqualTo(GENERATE);
        }

        try (Running emulator = Running.start("emulator", "--port", "0", "--replay", cassette.toString())) {
            HttpResponse<byte[]> replayed = http.send(HttpRequest.newBuilder(URI.create(emulator.base() + GENERATE + "?key=another-real-key"))
                    .header("x-goog-api-key", "a-real-key").header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(sent)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(replayed.statusCode()).as(new String(replayed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(replayed.body()).isEqualTo(reply.getBytes(StandardCharsets.UTF_8));
            assertThat(replayed.headers().firstValue("x-recorded")).hasValue("yes");
            assertThat(replayed.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");

            HttpResponse<String> unrecorded = http.send(HttpRequest.newBuilder(URI.create(emulator.base() + GENERATE))
                    .header("x-goog-api-key", "a-real-key").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(sent.replace("A red apple", "A green apple"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unrecorded.statusCode()).isEqualTo(404);
            assertThat(unrecorded.body().replaceAll("\\s", "")).startsWith("{\"error\":{\"code\":404,\"message\":\"notrecorded:");
            assertThat(unrecorded.body()).contains(cassette.toAbsolutePath().toString().replace("\\", "\\\\"))
                    .contains("0001-POST-generateContent.json").contains("requested \\\"A green apple\\\"")
                    .contains("\"NOT_FOUND\"");
        }
    }

    @Test
    void aRecordedSseStreamIsServedByteForByteWithItsCrlfFraming() throws Exception {
        Path cassette = dir.resolve("stream");
        String png = Base64.getEncoder().encodeToString(png(16, 16));
        String sse = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Drawing.\"}]}}]}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":"
                + "\"image/png\",\"data\":\"" + png + "\"}}]},\"finishReason\":\"STOP\"}]}\r\n\r\n";
        LoopbackGemini.Received sent;
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.reply(200, Map.of("Content-Type", "text/event-stream"), sse);
            CliRunner.Result run = new CliRunner().withKey("recording-key").run("generate", "--base-url", server.baseUrl(),
                    "-p", "A red apple", "--stream", "-o", dir.resolve("streamed.png").toString(), "--record", cassette.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            sent = server.received().get(0);
            assertThat(sent.path()).contains(":streamGenerateContent").contains("alt=sse");
        }

        try (Running emulator = Running.start("emulator", "--port", "0", "--replay", cassette.toString())) {
            HttpResponse<byte[]> replayed = http.send(HttpRequest.newBuilder(URI.create(emulator.base() + sent.path()))
                    .header("x-goog-api-key", "a-real-key").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(sent.body())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(replayed.statusCode()).as(new String(replayed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(replayed.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(replayed.body()).isEqualTo(sse.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theLibrarysOwnClientPointedAtTheReplayServerWritesTheRecordedImage() throws Exception {
        Path cassette = dir.resolve("cassette");
        Path recorded = dir.resolve("recorded.png");
        LoopbackGemini.recordRedApple("recording-key", cassette, recorded);
        try (Running emulator = Running.start("emulator", "--port", "0", "--replay", cassette.toString())) {
            Path replayed = dir.resolve("replayed.png");
            CliRunner.Result run = new CliRunner().withKey("some-other-key").run("generate", "--base-url", emulator.base(),
                    "-p", "A red apple", "-o", replayed.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(recorded));
        }
    }

    @Test
    void replayWithAKeyOrAMissingFolderIsAUsageError() {
        CliRunner.Result withKey = new CliRunner().run("emulator", "--port", "0", "--replay", dir.toString(), "--api-key", "k");
        assertThat(withKey.exitCode()).isEqualTo(2);
        assertThat(withKey.err()).contains("--replay").contains("--api-key");

        CliRunner.Result missing = new CliRunner().run("emulator", "--port", "0", "--replay", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--replay").contains("nope");
    }

    /** The command on its own thread, its first line read; closing interrupts it and checks it stopped with 0. */
    private record Running(String base, Thread thread, AtomicInteger exit, ByteArrayOutputStream err) implements AutoCloseable {

        static Running start(String... args) throws Exception {
            PipedInputStream pipe = new PipedInputStream(64 * 1024);
            PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread thread = new Thread(() -> {
                exit.set(new Cli(new CliContext(out, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false,
                        new Transports())).run(args));
                out.close();
            });
            thread.start();
            String first = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
            assertThat(first).as(err.toString(StandardCharsets.UTF_8)).matches("listening on http://127\\.0\\.0\\.1:\\d+");
            return new Running(first.substring("listening on ".length()), thread, exit, err);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(20_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(exit.get()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
    }
}
