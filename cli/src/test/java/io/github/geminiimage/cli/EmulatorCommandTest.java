package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.cli.internal.Transports;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gemini-image emulator} in-process: the first line, a real client against it, a clean stop. */
@Timeout(60)
class EmulatorCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsListeningFirstServesTheCliItselfAndStopsCleanly() throws Exception {
        PipedInputStream pipe = new PipedInputStream(64 * 1024);
        PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = new Thread(() -> exit.set(new Cli(new CliContext(out, new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false, new Transports())).run("emulator", "--port", "0", "--api-key", "emu-key",
                "--data-dir", dir.resolve("data").toString())));
        server.start();
        String first = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();

        assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
        String base = first.substring("listening on ".length());
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));

        CliRunner.Result generated = new CliRunner().withKey("emu-key").run("generate", "--base-url", base,
                "-p", "A red apple", "--aspect-ratio", "4:3", "-o", dir.resolve("apple.png").toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(TestImages.size(dir.resolve("apple.png"))).containsExactly(1184, 864);

        CliRunner.Result refused = new CliRunner().withKey("wrong-key").run("generate", "--base-url", base,
                "-p", "A red apple", "-o", dir.resolve("no.png").toString());
        assertThat(refused.exitCode()).isEqualTo(4);

        server.interrupt();
        server.join(20_000);
        assertThat(server.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void theEmulatorsOutcomeNamesAreTheFakeOutcomeNames() {
        assertThat(java.util.Arrays.stream(io.github.geminiimage.cli.internal.FakeOutcome.values())
                .map(io.github.geminiimage.cli.internal.FakeOutcome::optionName))
                .containsExactlyElementsOf(io.github.geminiimage.emulator.EmulatorOutcome.NAMES);
    }

    @Test
    void aTakenPortIsOneLineOnStderrAndTheTransportExitCode() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRunner.Result run = new CliRunner().run("emulator", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(10);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines()).singleElement().asString().startsWith("gemini-image emulator: cannot start");
        }
    }
}
