package io.github.geminiimage.loadtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link LoopbackServer} in a child JVM started with this JVM's classpath, so that the server's
 * allocations, threads and file descriptors are not counted with the client's. Closing it closes the
 * child's standard input (its signal to stop) and, if it lingers, kills it.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server JVM and waits (at most 60 s) until it listens.
     *
     * @param replyImageBytes the size of the image in each 200 reply
     * @throws IOException if the JVM cannot start or does not report its port
     */
    public static ServerProcess start(int replyImageBytes) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A small serial-GC heap: the server holds one prepared reply and a 64 KiB buffer per connection.
        List<String> command = List.of(java, "-Xms128m", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LoopbackServer.class.getName(),
                "--reply-image-bytes", Integer.toString(replyImageBytes));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while starting the server JVM", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the server JVM did not report its port within 60 s", e);
        }
        if (line == null || !line.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IOException("the server JVM said \"" + line + "\" instead of LISTENING <port>");
        }
        return new ServerProcess(process, Integer.parseInt(line.split(" ")[1]));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    }

    /**
     * The server's counters, asked over a plain socket ({@code GET /stats}).
     *
     * @throws IOException if the server does not answer
     */
    public LoopbackServer.Stats stats() throws IOException {
        return LoopbackServer.fetchStats(port);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the child: closes its stdin, then kills it if it has not ended within 5 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
