package io.github.geminiimage.loadtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The bounded-memory proof of Batch Mode results: {@code n} results of a 4K-sized image each
 * (25,000,000 bytes by default), at least 500 MB in all, saved to a folder by a client's batch view
 * ({@code saveImages}) in a JVM limited to {@code -Xmx128m} ({@link BatchMemoryClient}), from a
 * results file and from inline responses, over both transports; every saved image is compared
 * byte for byte with the one served. This JVM generates the file and serves the operations on
 * loopback. Exit status 0 when every run saved every image intact; the command and the heap
 * figures are in {@code benchmarks/RESULTS.md}.
 */
public final class BatchMemoryProof {

    private static final String FILE_JOB = "batches/file-job";
    private static final String INLINE_JOB = "batches/inline-job";

    private BatchMemoryProof() {
    }

    /** Runs the proof; see the class documentation for the arguments. */
    public static void main(String[] args) throws Exception {
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int imageBytes = args.length > 1 ? Integer.parseInt(args[1]) : 25_000_000;
        Path work = Files.createTempDirectory("batch-memory-proof-");
        System.exit(run(results, imageBytes, work, "-Xmx128m") ? 0 : 1);
    }

    /**
     * Generates, serves and runs the client for both result sources.
     *
     * @return whether every run (two sources, two transports) saved every image byte for byte
     */
    public static boolean run(int results, int imageBytes, Path work, String heap) throws Exception {
        byte[] image = pngLike(imageBytes);
        String base64 = Base64.getEncoder().encodeToString(image);
        Path file = work.resolve("results.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < results; i++) {
                out.write(("{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\"").getBytes(StandardCharsets.US_ASCII));
                out.write(base64.getBytes(StandardCharsets.US_ASCII));
                out.write(("\"}}]},\"finishReason\":\"STOP\"}]},\"key\":\"" + key(i) + "\"}\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        System.out.printf("results file: %,d bytes, %d results of %,d-byte images%n", Files.size(file), results, imageBytes);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serve(exchange, results, base64, file));
        server.start();
        Path expected = Files.write(work.resolve("expected.png"), image);
        boolean ok = true;
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String transport : List.of("jdk", "httpclient5")) {
                for (String job : List.of(FILE_JOB, INLINE_JOB)) {
                    Path out = work.resolve(job.substring(8) + "-" + transport);
                    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                    List<String> command = new ArrayList<>(List.of(java, heap, "-cp", System.getProperty("java.class.path"),
                            BatchMemoryClient.class.getName(), base, job, out.toString(), file.toString(), transport));
                    Process client = new ProcessBuilder(command).inheritIO().start();
                    int exit = client.waitFor();
                    int identical = identicalImages(out, results, expected);
                    System.out.printf("%s over %s: client exit %d, %d of %d images byte-identical in %s%n", job, transport,
                            exit, identical, results, out);
                    ok &= exit == 0 && identical == results;
                    deleteFolder(out);
                }
            }
        } finally {
            server.stop(0);
            Files.deleteIfExists(file);
            Files.deleteIfExists(expected);
        }
        return ok;
    }

    private static void serve(HttpExchange exchange, int results, String base64, Path resultsFile) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1beta/files/batch-file-job:download")) {
                // The results file as the Files API serves it: streamed from disk, never held.
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, Files.size(resultsFile));
                Files.copy(resultsFile, exchange.getResponseBody());
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (path.equals("/v1beta/" + FILE_JOB)) {
                byte[] body = ("{\"name\":\"" + FILE_JOB + "\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\",\"batchStats\":"
                        + "{\"requestCount\":\"" + results + "\",\"successfulRequestCount\":\"" + results + "\"},"
                        + "\"output\":{\"responsesFile\":\"files/batch-file-job\"}},\"done\":true,"
                        + "\"response\":{\"responsesFile\":\"files/batch-file-job\"}}").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (!path.equals("/v1beta/" + INLINE_JOB)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            // Streamed (chunked), the inline responses in metadata.output first as the live API orders them.
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
            out.write(("{\"name\":\"" + INLINE_JOB + "\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\","
                    + "\"output\":{\"inlinedResponses\":{\"inlinedResponses\":[").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < results; i++) {
                out.write(((i == 0 ? "" : ",") + "{\"metadata\":{\"key\":\"" + key(i) + "\"},\"response\":{\"candidates\":"
                        + "[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(base64.getBytes(StandardCharsets.US_ASCII));
                out.write("\"}}]},\"finishReason\":\"STOP\"}]}}".getBytes(StandardCharsets.US_ASCII));
            }
            // The client stops reading after the first copy; the mirror in response is not sent here.
            out.write("]}}},\"done\":true}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // The client closed the reply once it had every response: expected.
        }
    }

    /** How many of the {@code results} images saved by key in {@code out} equal {@code expected}, compared as streams. */
    private static int identicalImages(Path out, int results, Path expected) throws IOException {
        int identical = 0;
        for (int i = 0; i < results; i++) {
            Path saved = out.resolve(key(i) + ".png");
            if (Files.exists(saved) && Files.mismatch(saved, expected) == -1) {
                identical++;
            }
        }
        return identical;
    }

    static String key(int i) {
        return String.format("img-%04d", i);
    }

    /** Bytes that start like a PNG (signature and IHDR of 4096x4096), then noise. */
    private static byte[] pngLike(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 16, 0, 0, 0,
            16, 0, 8, 2, 0, 0, 0};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(folder);
    }
}
