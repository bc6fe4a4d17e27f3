package io.github.geminiimage.spring.boot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server answering generateContent with the recorded reply of a real call (test vector 02),
 * or with a reply set for its path, or with the statuses queued first; records each request's method,
 * path and headers.
 */
public final class StubGeminiServer implements AutoCloseable {

    /** What a request carried. */
    public record Received(String method, String path, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final Map<String, byte[]> replies = new ConcurrentHashMap<>();

    private StubGeminiServer(byte[] reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders())));
            Integer status = statuses.poll();
            byte[] body = status == null ? replies.getOrDefault(path, reply)
                    : ("{\"error\":{\"code\":" + status + ",\"message\":\"scripted\",\"status\":\"UNAVAILABLE\"}}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status == null ? 200 : status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static StubGeminiServer start() {
        try (InputStream in = StubGeminiServer.class.getResourceAsStream("/generate-content-reply.json")) {
            return new StubGeminiServer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the next requests with these statuses (an error body each) before the recorded reply. */
    public StubGeminiServer failFirst(int... codes) {
        for (int code : codes) {
            statuses.add(code);
        }
        return this;
    }

    /** Answers requests for {@code path} with {@code json} (status 200) instead of the recorded reply. */
    public StubGeminiServer reply(String path, String json) {
        replies.put(path, json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
