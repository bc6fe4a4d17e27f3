package io.github.geminiimage.loadtests;

import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.EmulatorRule;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link GeminiEmulator} in a child JVM started with this JVM's classpath, so that the server's
 * allocations, threads and file descriptors are not counted with the client's, scripted with the
 * standing rules of a {@link Script}. Closing it closes the child's standard input (its signal to
 * stop; it then reports what its request log holds) and, if it lingers, kills it.
 */
public final class ServerProcess implements AutoCloseable {

    /** How the emulator answers. */
    public enum Script {
        /**
         * Every {@code generateContent} body read and discarded undecoded, every call answered with
         * one prepared reply carrying an image of the given size: the server's cost per call is
         * fixed, so the client is what is measured.
         */
        FIXED_REPLY,
        /** The soak's faults, picked by each call's prompt ({@link Scenario#rules}). */
        SOAK;

        /** The emulator's rules for this script with replies carrying images of {@code replyImageBytes}. */
        public List<EmulatorRule> rules(int replyImageBytes) {
            return switch (this) {
                case FIXED_REPLY -> List.of(EmulatorRule.always(EmulatorOutcome.of("image").withImageBytes(replyImageBytes))
                        .discardingBody());
                case SOAK -> Scenario.rules(replyImageBytes);
            };
        }

        /** Installs this script's rules on {@code emulator}. */
        public GeminiEmulator install(GeminiEmulator emulator, int replyImageBytes) {
            return emulator.rule(rules(replyImageBytes).toArray(EmulatorRule[]::new));
        }

        static Script of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * What the emulator's request log held when it stopped (its last 10,000 requests).
     *
     * @param logged requests in the log
     * @param answered200 those answered with status 200
     */
    public record Served(long logged, long answered200) {
    }

    private static final String LISTENING = "LISTENING ";
    private static final String SERVED = "SERVED ";

    private final Process process;
    private final BufferedReader out;
    private final int port;
    private Optional<Served> served = Optional.empty();

    private ServerProcess(Process process, BufferedReader out, int port) {
        this.process = process;
        this.out = out;
        this.port = port;
    }

    /**
     * Starts the emulator JVM with {@code script} and waits (at most 60 s) until it listens.
     *
     * @param replyImageBytes the size of the image in each 200 reply
     * @throws IOException if the JVM cannot start or does not report its port
     */
    public static ServerProcess start(Script script, int replyImageBytes) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A small serial-GC heap: with either script the emulator holds small bodies or none, and one prepared reply.
        List<String> command = List.of(java, "-Xms128m", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                "--script", script.name().toLowerCase(Locale.ROOT), "--reply-image-bytes", Integer.toString(replyImageBytes));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        try {
            line = readLine(out, 60);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IOException("the emulator JVM did not report its port within 60 s", e);
        }
        if (line == null || !line.startsWith(LISTENING)) {
            process.destroyForcibly();
            throw new IOException("the emulator JVM said \"" + line + "\" instead of " + LISTENING + "<port>");
        }
        return new ServerProcess(process, out, Integer.parseInt(line.substring(LISTENING.length()).trim()));
    }

    private static String readLine(BufferedReader reader, int seconds) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the emulator JVM's output", e);
        } catch (ExecutionException | TimeoutException e) {
            line.cancel(true);
            throw new IOException("no line from the emulator JVM within " + seconds + " s", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The child's open file descriptors (its listening socket, connections and jars), or -1 where there is no /proc. */
    public int openFileDescriptors() {
        return ProcessStats.openFileDescriptors(process.pid());
    }

    /**
     * Stops the child and returns what its request log held then: closes its stdin, reads its
     * report, and kills it if it has not ended within 5 s. Empty if it did not report.
     */
    public Optional<Served> stop() {
        if (served.isPresent() || !process.isAlive()) {
            return served;
        }
        try {
            process.getOutputStream().close();
            String line = readLine(out, 10);
            if (line != null && line.startsWith(SERVED)) {
                String[] counts = line.substring(SERVED.length()).trim().split(" ");
                served = Optional.of(new Served(Long.parseLong(counts[0]), Long.parseLong(counts[1])));
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return served;
    }

    /** Stops the child as {@link #stop()} does. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Runs an emulator until its standard input ends: {@code --script fixed-reply|soak
     * [--reply-image-bytes 1800000]}. Prints {@code LISTENING <port>} once it accepts connections,
     * and {@code SERVED <logged> <answered 200>} when it stops.
     */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args).allow(java.util.Set.of("script", "reply-image-bytes"));
        Script script = Script.of(a.value("script", "fixed-reply"));
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(Adapter.API_KEY).start()) {
            script.install(emulator, a.intValue("reply-image-bytes", 1_800_000));
            PrintStream stdout = System.out;
            stdout.println(LISTENING + emulator.port());
            stdout.flush();
            // The parent closes our stdin (or dies): that is the signal to stop.
            byte[] sink = new byte[256];
            while (System.in.read(sink) >= 0) {
                // ignore input
            }
            List<RecordedRequest> log = emulator.requests();
            stdout.println(SERVED + log.size() + " " + log.stream().filter(r -> r.status() == 200).count());
            stdout.flush();
        }
    }
}
