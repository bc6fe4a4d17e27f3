package io.github.geminiimage.cli;

import static io.github.geminiimage.domain.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A Gemini-shaped endpoint on loopback that answers scripted replies and records what it received. A test
 * holds one per test method as {@code @AutoClose final LoopbackGemini server = LoopbackGemini.perTest();},
 * which JUnit stops after each test, or one per block in try-with-resources.
 */
final class LoopbackGemini implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    LoopbackGemini() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A started endpoint for an {@code @AutoClose} field: like the constructor, without its checked exception. */
    static LoopbackGemini perTest() {
        try {
            return new LoopbackGemini();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized LoopbackGemini reply(int status, Map<String, String> headers, String body) {
        replies.add(new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** A 200 with a text part and a real PNG of the given size. */
    LoopbackGemini replyWithImage(int width, int height) {
        String png = Base64.getEncoder().encodeToString(png(width, height));
        return reply(200, Map.of("Content-Type", "application/json"), "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
                + "{\"text\":\"Here you are.\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + png + "\"}}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                + "\"candidatesTokenCount\":1294,\"totalTokenCount\":1306,\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\","
                + "\"tokenCount\":1290}]},\"modelVersion\":\"gemini-2.5-flash-image\",\"responseId\":\"loopback-1\"}");
    }

    /**
     * Runs {@code generate -p "A red apple" --record cassette} with {@code key} against a new endpoint
     * answering with a 64x48 PNG, written to {@code image}; the endpoint is stopped afterwards.
     */
    static void recordRedApple(String key, Path cassette, Path image) throws IOException {
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.replyWithImage(64, 48);
            CliRunner.Result run = new CliRunner().withKey(key).run("generate", "--base-url", server.baseUrl(),
                    "-p", "A red apple", "-o", image.toString(), "--record", cassette.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Reply reply;
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            reply = replies.isEmpty() ? new Reply(500, Map.of(), "{\"error\":{\"message\":\"no reply scripted\"}}"
                    .getBytes(StandardCharsets.UTF_8)) : replies.poll();
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
