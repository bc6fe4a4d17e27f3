package io.github.geminiimage.cli.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.cassette.CassetteMismatchException;
import io.github.geminiimage.http.cassette.CassetteTransport;
import io.github.geminiimage.wire.ErrorEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code gemini-image emulator --replay DIR}: a loopback HTTP server that answers every request
 * from a cassette folder through a replaying {@link CassetteTransport} (docs/cassettes.md), so any
 * SDK, not only this library, replays what was recorded. It lives in the CLI because the emulator
 * module is a server and must not depend on the http module's client side.
 */
final class ReplayServer implements AutoCloseable {

    /** Headers the JDK server frames itself, or that describe one connection, never copied from a recording. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "date");
    /** Request headers that describe the connection, not the call. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "content-length", "expect");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Replaying reads local files only; the bound keeps a stuck read from holding a thread forever. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final CassetteTransport cassette;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private ReplayServer(CassetteTransport cassette, HttpServer server, ExecutorService executor, URI baseUri) {
        this.cassette = cassette;
        this.server = server;
        this.executor = executor;
        this.baseUri = baseUri;
    }

    /**
     * Binds {@code host:port} (0 picks a free port) and serves {@code cassette}, which the server
     * then owns and closes.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    static ReplayServer start(CassetteTransport cassette, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            cassette.close();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gemini-replay");
            thread.setDaemon(true);
            return thread;
        });
        InetSocketAddress bound = server.getAddress();
        String authority = bound.getAddress().getHostAddress();
        if (authority.contains(":")) {
            authority = "[" + authority + "]";
        }
        URI base = URI.create("http://" + authority + ":" + bound.getPort());
        ReplayServer replay = new ReplayServer(cassette, server, executor, base);
        server.createContext("/", replay::handle);
        server.setExecutor(executor);
        server.start();
        return replay;
    }

    /** {@code http://HOST:PORT}, the port the one actually bound. */
    URI baseUri() {
        return baseUri;
    }

    /**
     * Makes the request an {@link HttpRequest} (method, this server's URI with the request's path and
     * query, headers, body) and writes back the recorded status, headers and body, the body byte for
     * byte (SSE streams included); the JDK server does the framing, so the recorded hop-by-hop and
     * length headers are left out. Keys are not compared: the cassette matches on method, path,
     * query without secret parameters, upload headers and body, so a client sending a real key
     * matches a redacted recording. A request nothing matches gets Google's error envelope, 404
     * {@code NOT_FOUND}, with the mismatch message naming the cassette and the closest recording.
     */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                sendError(exchange, 405, "INVALID_ARGUMENT", "method " + method + " is not one the Gemini API uses");
                return;
            }
            HttpRequest request = toRequest(exchange, method, body);
            HttpResponse response;
            try {
                response = cassette.sendAsync(request).join();
            } catch (CompletionException | IllegalStateException | io.github.geminiimage.domain.error.InvalidRequestException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                Optional<CassetteMismatchException> mismatch = mismatch(cause);
                if (mismatch.isPresent()) {
                    sendError(exchange, 404, "NOT_FOUND", "not recorded: " + mismatch.get().getMessage());
                } else {
                    // A recorded transport failure, or a payload file gone from the folder.
                    sendError(exchange, 502, "UNAVAILABLE", "replay failed: " + cause.getMessage());
                }
                return;
            }
            try (response) {
                sendRecorded(exchange, response);
            }
        }
    }

    private HttpRequest toRequest(HttpExchange exchange, String method, byte[] body) {
        URI requested = exchange.getRequestURI();
        String pathAndQuery = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        // This server's own address, so a replayed upload URL points back here.
        URI uri = URI.create(baseUri + pathAndQuery);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                headers.add(Map.entry(header.getKey(), value));
            }
        }
        Instant deadline = Instant.now().plus(DEADLINE);
        boolean hasBody = body.length > 0 || !(method.equals("GET") || method.equals("DELETE"));
        return new HttpRequest(method, uri, headers, Set.of(), hasBody ? Optional.of(RequestBody.ofBytes(body)) : Optional.empty(),
                deadline);
    }

    private static Optional<CassetteMismatchException> mismatch(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CassetteMismatchException m) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static void sendRecorded(HttpExchange exchange, HttpResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            if (header.getKey() == null || NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                out.add(header.getKey(), value);
            }
        }
        int status = response.statusCode();
        if (status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        long length = response.contentLength().orElse(-1L);
        // The JDK server takes 0 for chunked and -1 for no body.
        exchange.sendResponseHeaders(status, length < 0 ? 0 : length == 0 ? -1 : length);
        try (InputStream in = response.body(); OutputStream body = exchange.getResponseBody()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                body.write(buffer, 0, n);
                // Flush each read so that a replayed SSE stream arrives event by event.
                body.flush();
            }
        }
    }

    private static void sendError(HttpExchange exchange, int code, String status, String message) throws IOException {
        byte[] json = ErrorEnvelope.of(code, status, message).toJson();
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(code, json.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(json);
        }
    }

    /** Stops listening, ends the handler threads and closes the cassette. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        cassette.close();
    }
}
