package io.github.geminiimage.junit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * generateContent and streamGenerateContent on loopback: each answer carries an image drawn from
 * the request body's SHA-256 (so another prompt or another reference image gives another image),
 * large enough to be stored out of line; the stream is SSE framed with CRLF as the service does.
 * Refuses any key but the one it was started with.
 */
final class GeminiLoopback implements AutoCloseable {

    private static final String USAGE = "\"usageMetadata\": {\"promptTokenCount\": 7, \"candidatesTokenCount\": 1290,"
            + " \"totalTokenCount\": 1297}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String key;
    final List<String> requests = new CopyOnWriteArrayList<>();

    private GeminiLoopback(String key) throws IOException {
        this.key = key;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gemini-loopback");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static GeminiLoopback start(String key) {
        try {
            return new GeminiLoopback(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The image the server draws for a request body. */
    static byte[] image(byte[] requestBody) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256").digest(requestBody);
            byte[] png = new byte[120_000];
            new Random(java.nio.ByteBuffer.wrap(seed).getLong()).nextBytes(png);
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
            return png;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (!key.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
                send(exchange, 401, "application/json", "{\"error\": {\"code\": 401, \"message\": \"API key not valid.\", "
                        + "\"status\": \"UNAUTHENTICATED\"}}");
                return;
            }
            String data = Base64.getEncoder().encodeToString(image(body));
            String image = "{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \"" + data + "\"}}";
            if (path.endsWith(":generateContent")) {
                send(exchange, 200, "application/json; charset=UTF-8", "{\n  \"candidates\": [{\"content\": {\"role\": \"model\", "
                        + "\"parts\": [{\"text\": \"Here it is\"}, " + image + "]}, \"finishReason\": \"STOP\", \"index\": 0}],\n  "
                        + USAGE + ",\n  \"modelVersion\": \"gemini-2.5-flash-image\"\n}\n");
            } else if (path.endsWith(":streamGenerateContent")) {
                send(exchange, 200, "text/event-stream", event("{\"text\": \"Here \"}", "", "")
                        + event("{\"text\": \"it is\"}", "", "")
                        + event(image, "", "")
                        + event("", "\"finishReason\": \"STOP\", ", USAGE + ", "));
            } else {
                send(exchange, 404, "application/json", "{\"error\": {\"code\": 404, \"message\": \"no " + path + "\"}}");
            }
        }
    }

    private static String event(String parts, String finish, String usage) {
        return "data: {\"candidates\": [{" + (parts.isEmpty() ? "" : "\"content\": {\"parts\": [" + parts
                + "], \"role\": \"model\"}, ") + finish + "\"index\": 0}], " + usage
                + "\"modelVersion\": \"gemini-2.5-flash-image\"}\r\n\r\n";
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
