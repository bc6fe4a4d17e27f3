package io.github.geminiimage.auth.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 token endpoint on 127.0.0.1 at {@code /token}: answers each POST with a new Bearer token
 * ({@code ya29.loopback-1}, {@code -2}, ...) valid 3600 s, or with the reply scripted next. Records
 * each request's form fields. A test holds one per test method in an {@code @AutoClose} field,
 * which JUnit stops after each test.
 */
final class LoopbackTokenEndpoint implements AutoCloseable {

    private record Reply(int status, String json) {
    }

    final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ConcurrentLinkedDeque<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final HttpServer server;

    private LoopbackTokenEndpoint(HttpServer server) {
        this.server = server;
    }

    static LoopbackTokenEndpoint start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoopbackTokenEndpoint endpoint = new LoopbackTokenEndpoint(server);
        server.createContext("/token", endpoint::handle);
        server.start();
        return endpoint;
    }

    URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** The next request gets this reply instead of a token. */
    void replyNext(int status, String json) {
        scripted.add(new Reply(status, json));
    }

    static String tokenNumber(int n) {
        return "ya29.loopback-" + n;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            forms.add(decodeForm(body));
            Reply reply = scripted.poll();
            if (reply == null) {
                reply = new Reply(200, "{\"access_token\":\"" + tokenNumber(issued.incrementAndGet())
                        + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            }
            byte[] out = reply.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
