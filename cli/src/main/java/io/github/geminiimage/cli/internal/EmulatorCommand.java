package io.github.geminiimage.cli.internal;

import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.cassette.CassetteTransport;
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
            "Script it over HTTP: POST /emulator/v1/outcomes, POST /emulator/v1/rules, GET /emulator/v1/requests, POST /emulator/v1/reset.",
            "With --replay DIR it answers instead from a cassette recorded with --record: any SDK replays those calls."},
        footerHeading = "%nExamples:%n",
        footer = {"  gemini-image emulator --port 8089 --api-key test-key",
            "  curl -s -H 'x-goog-api-key: test-key' -d '{\"contents\":[{\"parts\":[{\"text\":\"a red apple\"}]}]}' \\",
            "    http://127.0.0.1:8089/v1beta/models/gemini-2.5-flash-image:generateContent",
            "  gemini-image emulator --port 8089 --replay recorded/"})
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

    @Option(names = "--replay", paramLabel = "DIR",
            description = "Answers every request from the cassette folder DIR recorded with --record (keys not checked); "
                    + "a request not recorded gets a 404 naming the closest recording. Excludes --api-key and --data-dir.")
    Path replay;

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
        if (replay != null) {
            return replay();
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
        return serve(emulator.baseUri().toString(), emulator::close);
    }

    private Integer replay() {
        // Replayed replies carry no key and no files of their own: both options would be silently ignored.
        if (apiKey != null || dataDir != null) {
            context.err().println("gemini-image emulator: --replay serves recorded replies; "
                    + (apiKey != null ? "--api-key" : "--data-dir") + " does not apply to it");
            return ExitCode.USAGE.code();
        }
        CassetteTransport cassette;
        try {
            cassette = CassetteTransport.replay(replay);
        } catch (IllegalStateException | UncheckedIOException e) {
            context.err().println("gemini-image emulator: --replay " + replay + ": " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        ReplayServer server;
        try {
            server = ReplayServer.start(cassette, host, port);
        } catch (UncheckedIOException e) {
            context.err().println("gemini-image emulator: " + e.getMessage());
            return ExitCode.TRANSPORT.code();
        }
        return serve(server.baseUri().toString(), server::close);
    }

    /** Prints the first line, then waits for a signal or an interrupt and runs {@code close}. */
    private Integer serve(String baseUri, Runnable close) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            close.run();
            stopped.countDown();
        }, "gemini-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        context.out().println("listening on " + baseUri);
        context.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            close.run();
        }
        return ExitCode.OK.code();
    }
}
