package io.github.geminiimage.cli.internal;

import io.github.geminiimage.emulator.GeminiEmulator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gemini-image emulator}: runs the local Gemini API server until interrupted. The first line
 * on stdout is exactly {@code listening on http://HOST:PORT}, so scripts can wait for it and read
 * the port; SIGINT or SIGTERM stops it cleanly (a shutdown hook closes the server), and so does an
 * interrupt of the thread running it (how in-process tests stop it).
 */
@Command(name = "emulator", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs a local Gemini API server that any SDK can test against: generateContent and streaming, "
                + "the Files API, Batch Mode and Vertex AI paths in Google's wire format, answered with real pictures.",
            "Prints \"listening on http://HOST:PORT\" first; stops on Ctrl-C or SIGTERM.",
            "Script it over HTTP: POST /emulator/v1/outcomes, GET /emulator/v1/requests, POST /emulator/v1/reset."},
        footerHeading = "%nExamples:%n",
        footer = {"  gemini-image emulator --port 8089 --api-key test-key",
            "  curl -s -H 'x-goog-api-key: test-key' -d '{\"contents\":[{\"parts\":[{\"text\":\"a red apple\"}]}]}' \\",
            "    http://127.0.0.1:8089/v1beta/models/gemini-2.5-flash-image:generateContent"})
final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}); another one exposes the emulator to the network.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8089",
            description = "The port (default ${DEFAULT-VALUE}); 0 picks a free one, printed on the first line.")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The only key accepted (a wrong one gets Google's 400 API_KEY_INVALID); without it any non-empty key passes.")
    String apiKey;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where uploaded files are kept (default: a temporary folder, deleted on exit).")
    Path dataDir;

    private final CliContext context;

    EmulatorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            context.err().println("gemini-image emulator: --port " + port + " is not 0 to 65535");
            return ExitCode.USAGE.code();
        }
        GeminiEmulator.Builder builder = GeminiEmulator.builder().host(host).port(port);
        if (apiKey != null) {
            if (apiKey.isBlank()) {
                context.err().println("gemini-image emulator: --api-key must not be blank");
                return ExitCode.USAGE.code();
            }
            builder.apiKey(apiKey);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        GeminiEmulator emulator;
        try {
            emulator = builder.start();
        } catch (UncheckedIOException e) {
            context.err().println("gemini-image emulator: " + e.getMessage());
            return ExitCode.TRANSPORT.code();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "gemini-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        context.out().println("listening on " + emulator.baseUri());
        context.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            emulator.close();
        }
        return ExitCode.OK.code();
    }
}
