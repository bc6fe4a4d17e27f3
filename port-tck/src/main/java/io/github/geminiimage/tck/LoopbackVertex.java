package io.github.geminiimage.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Vertex AI: answers {@code generateContent} only on the Vertex path of
 * one project and location, only to a bearer token it currently accepts (401
 * {@code UNAUTHENTICATED} otherwise, as for an expired token), or to an express-mode key on the
 * express path. Records what it was sent. Optionally holds refused requests until a number of them
 * have arrived, so that a test knows that many calls used the stale token at once.
 */
final class LoopbackVertex implements AutoCloseable {

    static final String PROJECT = "tck-project";
    static final String LOCATION = "us-central1";
    static final String MODEL = "gemini-2.5-flash-image";
    static final String VERTEX_PATH = "/v1/projects/" + PROJECT + "/locations/" + LOCATION + "/publishers/google/models/"
            + MODEL + ":generateContent";
    static final String EXPRESS_PATH = "/v1/publishers/google/models/" + MODEL + ":generateContent";
    private static final String UNAUTHENTICATED = "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
            + "credentials. Expected OAuth 2 access token.\",\"status\":\"UNAUTHENTICATED\"}}";
    private static final String NOT_FOUND = "{\"error\":{\"code\":404,\"message\":\"not the Vertex path\",\"status\":\"NOT_FOUND\"}}";

    /** One request as the server saw it. */
    record Seen(String path, Map<String, List<String>> headers, String body, int status) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Set<String> acceptedTokens = ConcurrentHashMap.newKeySet();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String expressKey;
    private volatile CountDownLatch holdRefused = new CountDownLatch(0);

    LoopbackVertex() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(48, r -> {
            Thread t = new Thread(r, "tck-loopback-vertex-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void accept(String token) {
        acceptedTokens.add(token);
    }

    /** The server stops taking {@code token}, as Google does once it expired. */
    void expire(String token) {
        acceptedTokens.remove(token);
    }

    void acceptExpressKey(String key) {
        this.expressKey = key;
    }

    /** Holds each refused request until {@code count} refused requests have arrived. */
    void holdRefusedUntil(int count) {
        holdRefused = new CountDownLatch(count);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int refusedCount() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String key = exchange.getRequestHeaders().getFirst("x-goog-api-key");
            int status;
            byte[] reply;
            if (path.equals(VERTEX_PATH)) {
                boolean ok = authorization != null && authorization.startsWith("Bearer ")
                        && acceptedTokens.contains(authorization.substring("Bearer ".length()));
                status = ok ? 200 : 401;
            } else if (path.equals(EXPRESS_PATH)) {
                status = expressKey != null && expressKey.equals(key) ? 200 : 401;
            } else {
                status = 404;
            }
            seen.add(new Seen(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
            if (status == 401) {
                refused.incrementAndGet();
                CountDownLatch hold = holdRefused;
                hold.countDown();
                // A bound, not an assertion: the test checks how many were refused afterwards.
                hold.await(20, TimeUnit.SECONDS);
            }
            Matcher prefix = OUTPUT_PREFIX.matcher(body);
            reply = switch (status) {
                // With an output prefix, Vertex AI writes the image to Cloud Storage and names it (fileData).
                case 200 -> prefix.find() ? byReference(prefix.group(1)) : RecordedReplies.load("vertex-image.json");
                case 401 -> UNAUTHENTICATED.getBytes(StandardCharsets.UTF_8);
                default -> NOT_FOUND.getBytes(StandardCharsets.UTF_8);
            };
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final Pattern OUTPUT_PREFIX =
            Pattern.compile("\"outputConfig\":\\{\"outputUriPrefix\":\"([^\"]+)\"");

    /** A Vertex reply whose image is a {@code fileData} under {@code prefix}, as Vertex AI answers with an output prefix. */
    private static byte[] byReference(String prefix) {
        String uri = (prefix.endsWith("/") ? prefix : prefix + "/") + "tck-0.png";
        return ("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Here you go!\"},"
                + "{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":\"" + uri + "\"}}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":1290,\"totalTokenCount\":1297,"
                + "\"trafficType\":\"ON_DEMAND\"},\"modelVersion\":\"gemini-2.5-flash-image\","
                + "\"createTime\":\"2026-06-01T10:00:00.000000Z\",\"responseId\":\"tck-by-reference\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
