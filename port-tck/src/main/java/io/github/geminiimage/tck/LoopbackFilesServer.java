package io.github.geminiimage.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Files API on loopback that speaks the protocol of docs/wire-format.md, "Files" exactly: the resumable
 * upload (start with the {@code X-Goog-Upload-*} headers, chunks at the offset it holds, each but
 * the last a multiple of its granularity, {@code query}, {@code cancel}, {@code upload, finalize}),
 * {@code sha256Hash} as base64 of the hex digest, {@code sizeBytes} as a string, list paging, delete,
 * download, {@code PROCESSING} then {@code ACTIVE}, and 403 {@code PERMISSION_DENIED} for a file
 * that does not exist (what the service answers). Content is streamed to temporary files, never held
 * in memory, so gigabyte uploads run in a small heap. Faults: {@link #cutNextChunkAfter} closes the
 * connection in the middle of a chunk (the bytes read so far, rounded down to the granularity, are
 * kept, as a resumable server does); {@link #failNextChunks} answers 503. Built on the JDK's
 * {@code com.sun.net.httpserver}, handlers on daemon threads. Closing deletes the content.
 */
public final class LoopbackFilesServer implements AutoCloseable {

    /** How uploaded files are processed. */
    public enum Processing {
        /** {@code ACTIVE} at once. */
        NONE,
        /** {@code PROCESSING} for the next {@code polls} reads, then {@code ACTIVE}. */
        POLLS,
        /** {@code PROCESSING} forever. */
        NEVER_ENDS,
        /** {@code PROCESSING}, then {@code FAILED}. */
        FAILS
    }

    private record Session(String id, long total, String mimeType, Optional<String> displayName, Optional<String> name,
            Path content, AtomicLong received, AtomicReference<String> status, AtomicReference<String> finalFile) {
    }

    private static final class StoredEntry {
        final String json;
        final Path content;
        final long sequence;
        final AtomicInteger pollsLeft;

        StoredEntry(String json, Path content, long sequence, int polls) {
            this.json = json;
            this.content = content;
            this.sequence = sequence;
            this.pollsLeft = new AtomicInteger(polls);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final long granularity;
    private final Path dir;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, StoredEntry> files = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> order = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicInteger failChunks = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final List<String> chunkCommands = new CopyOnWriteArrayList<>();
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private volatile Processing processing = Processing.NONE;
    private volatile int processingPolls;
    private volatile String failureMessage = "processing failed";
    private volatile String uploadUrlBase;

    private LoopbackFilesServer(String apiKey, long granularity) throws IOException {
        this.apiKey = apiKey;
        this.granularity = granularity;
        this.dir = Files.createTempDirectory("loopback-files-");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tck-files-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server that accepts {@code apiKey} (in {@code x-goog-api-key} or {@code ?key=}) and
     * asks for chunks in multiples of {@code granularity} bytes.
     */
    public static LoopbackFilesServer start(String apiKey, long granularity) {
        try {
            return new LoopbackFilesServer(apiKey, granularity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URI to configure: {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sets how later uploads are processed; {@code polls} counts reads for {@link Processing#POLLS}. */
    public LoopbackFilesServer processing(Processing mode, int polls, String failure) {
        this.processing = mode;
        this.processingPolls = polls;
        this.failureMessage = failure;
        return this;
    }

    /** Hands out session URLs starting with {@code base} (e.g. Google's host, as behind a proxy) instead of the request's host. */
    public LoopbackFilesServer uploadUrlBase(String base) {
        this.uploadUrlBase = base;
        return this;
    }

    /**
     * Serves the paths under {@code pathPrefix} with {@code handler} on this server's port (as
     * {@link BatchWireServer#on} does for Batch Mode), so one server speaks both protocols.
     */
    public LoopbackFilesServer route(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
        return this;
    }

    /**
     * Stores {@code content} as the {@code ACTIVE} file {@code name} ({@code files/ID}), as the service
     * stores a file it wrote itself (a batch job's results file); an existing file of that name is kept.
     *
     * @return whether it was stored (false if the name was taken)
     */
    public boolean put(String name, String mimeType, byte[] content) {
        if (files.containsKey(name)) {
            return false;
        }
        try {
            String id = name.substring(name.indexOf('/') + 1);
            Path path = dir.resolve(id + ".bin");
            Files.write(path, content);
            String hex = FilesJson.sha256(path);
            String json = FilesJson.file(name, baseUri() + "/v1beta/" + name, mimeType, content.length, "ACTIVE",
                    Optional.empty(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                    Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII)), Optional.empty());
            long seq = sequence.incrementAndGet();
            if (files.putIfAbsent(name, new StoredEntry(json, path, seq, 0)) != null) {
                return false;
            }
            digests.put(name, hex);
            order.put(seq, name);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content stored for {@code name} ({@code files/ID}), read back in full; empty if there is none. */
    public Optional<byte[]> content(String name) {
        StoredEntry entry = files.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(entry.content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next chunk request is cut (connection closed, no reply) after {@code bytes} bytes of its body. */
    public LoopbackFilesServer cutNextChunkAfter(long bytes) {
        cutAfter.set(bytes);
        return this;
    }

    /** The next {@code count} chunk requests are answered 503 and their bytes dropped. */
    public LoopbackFilesServer failNextChunks(int count) {
        failChunks.set(count);
        return this;
    }

    /** How many connections were cut by {@link #cutNextChunkAfter}. */
    public int cuts() {
        return cuts.get();
    }

    /** The {@code X-Goog-Upload-Command} and offset of every request to a session URL, in order ("upload@0", "query", ...). */
    public List<String> sessionCommands() {
        return List.copyOf(chunkCommands);
    }

    /** The lowercase hex SHA-256 of the content the server stored for {@code name}, computed from what it holds. */
    public Optional<String> storedSha256(String name) {
        return Optional.ofNullable(digests.get(name));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            String method = exchange.getRequestMethod();
            if (path.equals("/upload/v1beta/files") && query.contains("upload_id=")) {
                session(exchange, FilesJson.param(query, "upload_id").orElse(""));
                return;
            }
            if (!authorized(exchange, query)) {
                drain(exchange);
                error(exchange, 401, "UNAUTHENTICATED", "Request is missing a valid API key.");
                return;
            }
            if (path.equals("/upload/v1beta/files") && method.equals("POST")) {
                start(exchange);
            } else if (path.equals("/v1beta/files") && method.equals("GET")) {
                list(exchange, query);
            } else if (path.startsWith("/v1beta/files/") && path.endsWith(":download") && method.equals("GET")) {
                download(exchange, path.substring("/v1beta/files/".length(), path.length() - ":download".length()));
            } else if (path.startsWith("/v1beta/files/") && method.equals("GET")) {
                get(exchange, path.substring("/v1beta/files/".length()));
            } else if (path.startsWith("/v1beta/files/") && method.equals("DELETE")) {
                delete(exchange, path.substring("/v1beta/files/".length()));
            } else {
                drain(exchange);
                error(exchange, 404, "NOT_FOUND", "no such method " + method + " " + path);
            }
        } catch (CutConnection e) {
            exchange.close(); // no reply and the body unread: the connection is dropped
        } catch (RuntimeException e) {
            error(exchange, 500, "INTERNAL", e.toString());
        } finally {
            exchange.close();
        }
    }

    private boolean authorized(HttpExchange exchange, String query) {
        String header = exchange.getRequestHeaders().getFirst("x-goog-api-key");
        return apiKey.equals(header) || FilesJson.param(query, "key").map(k -> k.equals(apiKey)).orElse(false);
    }

    private void start(HttpExchange exchange) throws IOException {
        byte[] metadata = exchange.getRequestBody().readAllBytes();
        String protocol = header(exchange, "X-Goog-Upload-Protocol");
        String command = header(exchange, "X-Goog-Upload-Command");
        String length = header(exchange, "X-Goog-Upload-Header-Content-Length");
        String type = header(exchange, "X-Goog-Upload-Header-Content-Type");
        if (!"resumable".equals(protocol) || !"start".equals(command) || length == null || type == null) {
            error(exchange, 400, "INVALID_ARGUMENT", "a start needs X-Goog-Upload-Protocol: resumable, Command: start, "
                    + "Header-Content-Length and Header-Content-Type");
            return;
        }
        String json = new String(metadata, StandardCharsets.UTF_8);
        String id = "upl" + Long.toHexString(Double.doubleToLongBits(Math.random())) + sequence.incrementAndGet();
        Session session = new Session(id, Long.parseLong(length), type, FilesJson.member(json, "displayName"),
                FilesJson.member(json, "name"), dir.resolve(id + ".part"), new AtomicLong(), new AtomicReference<>("active"),
                new AtomicReference<>());
        Files.createFile(session.content());
        sessions.put(id, session);
        String host = exchange.getRequestHeaders().getFirst("Host");
        String base = uploadUrlBase != null ? uploadUrlBase : "http://" + host;
        exchange.getResponseHeaders().add("x-goog-upload-url", base + "/upload/v1beta/files?upload_id=" + id
                + "&upload_protocol=resumable");
        exchange.getResponseHeaders().add("x-goog-upload-status", "active");
        exchange.getResponseHeaders().add("x-goog-upload-chunk-granularity", Long.toString(granularity));
        exchange.sendResponseHeaders(200, -1);
    }

    private void session(HttpExchange exchange, String id) throws IOException {
        Session session = sessions.get(id);
        String command = Optional.ofNullable(header(exchange, "X-Goog-Upload-Command")).orElse("").toLowerCase(Locale.ROOT);
        if (session == null) {
            drain(exchange);
            error(exchange, 404, "NOT_FOUND", "no such upload session");
            return;
        }
        if (command.equals("query")) {
            chunkCommands.add("query");
            drain(exchange);
            status(exchange, session);
            if (session.finalFile().get() != null) {
                reply(exchange, 200, session.finalFile().get());
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            return;
        }
        if (command.equals("cancel")) {
            chunkCommands.add("cancel");
            drain(exchange);
            session.status().set("cancelled");
            status(exchange, session);
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        boolean finalize = command.replace(" ", "").equals("upload,finalize");
        if (!finalize && !command.equals("upload")) {
            drain(exchange);
            error(exchange, 400, "INVALID_ARGUMENT", "unknown X-Goog-Upload-Command");
            return;
        }
        long offset = Long.parseLong(Optional.ofNullable(header(exchange, "X-Goog-Upload-Offset")).orElse("-1"));
        long length = Long.parseLong(Optional.ofNullable(header(exchange, "Content-Length")).orElse("-1"));
        chunkCommands.add((finalize ? "finalize@" : "upload@") + offset);
        if (!session.status().get().equals("active")) {
            drain(exchange);
            error(exchange, 400, "FAILED_PRECONDITION", "the upload session is " + session.status().get());
            return;
        }
        if (offset != session.received().get() || length < 0 || offset + length > session.total()
                || !finalize && length % granularity != 0 || finalize && offset + length != session.total()) {
            drain(exchange);
            error(exchange, 400, "INVALID_ARGUMENT", "chunk at " + offset + " of " + length + " bytes refused: the server holds "
                    + session.received().get() + " of " + session.total() + " bytes, granularity " + granularity);
            return;
        }
        if (failChunks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            drain(exchange);
            // Echoes the request target, as some proxies do: the client must redact the session URL in it.
            error(exchange, 503, "UNAVAILABLE", "The service is currently unavailable (" + exchange.getRequestURI() + ").");
            return;
        }
        long cut = cutAfter.getAndSet(-1);
        long kept = append(exchange.getRequestBody(), session, cut >= 0 ? Math.min(cut, length) : length);
        if (cut >= 0) {
            // Keep whole granules only, as a resumable server persists them, then drop the connection without a reply.
            long persisted = offset + kept / granularity * granularity;
            truncate(session, persisted);
            cuts.incrementAndGet();
            throw new CutConnection();
        }
        if (kept < length) {
            truncate(session, offset + kept / granularity * granularity);
            return;
        }
        session.received().set(offset + length);
        status(exchange, session);
        if (!finalize) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        String file = store(session);
        session.status().set("final");
        session.finalFile().set("{\"file\":" + file + "}");
        exchange.getResponseHeaders().set("x-goog-upload-status", "final");
        reply(exchange, 200, session.finalFile().get());
    }

    /** Thrown to leave a handler without a reply: the exchange is closed with its body unread, which drops the connection. */
    private static final class CutConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private long append(InputStream body, Session session, long max) throws IOException {
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(session.content(), StandardOpenOption.APPEND)) {
            while (copied < max) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, max - copied));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                copied += n;
            }
        }
        return copied;
    }

    private void truncate(Session session, long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(session.content(), StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
        session.received().set(size);
    }

    private String store(Session session) throws IOException {
        String id = session.name().map(n -> n.substring(n.indexOf('/') + 1))
                .orElse(Long.toString(36L * 1_000_000 + sequence.incrementAndGet(), 36) + "tck");
        String name = "files/" + id;
        Path content = dir.resolve(id + ".bin");
        Files.move(session.content(), content);
        String hex = FilesJson.sha256(content);
        digests.put(name, hex);
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String state = processing == Processing.NONE ? "ACTIVE" : "PROCESSING";
        String json = FilesJson.file(name, baseUri() + "/v1beta/" + name, session.mimeType(), session.total(), state,
                session.displayName(), created, Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII)),
                Optional.empty());
        long seq = sequence.incrementAndGet();
        int polls = processing == Processing.POLLS ? processingPolls : processing == Processing.NONE ? 0 : Integer.MAX_VALUE;
        files.put(name, new StoredEntry(json, content, seq, polls));
        order.put(seq, name);
        return json;
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        StoredEntry entry = files.get("files/" + id);
        if (entry == null) {
            missing(exchange, id);
            return;
        }
        reply(exchange, 200, current(entry));
    }

    /** The entry as a read sees it now: each read of a processing file counts one poll. */
    private String current(StoredEntry entry) {
        if (processing == Processing.FAILS && entry.json.contains("\"PROCESSING\"")) {
            return entry.json.replace("\"state\":\"PROCESSING\"", "\"state\":\"FAILED\",\"error\":{\"code\":3,\"message\":"
                    + FilesJson.quote(failureMessage) + "}");
        }
        if (entry.pollsLeft.get() == Integer.MAX_VALUE || entry.pollsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return entry.json;
        }
        return entry.json.replace("\"state\":\"PROCESSING\"", "\"state\":\"ACTIVE\"");
    }

    private void list(HttpExchange exchange, String query) throws IOException {
        int pageSize = FilesJson.param(query, "pageSize").map(Integer::parseInt).orElse(10);
        if (pageSize < 1 || pageSize > 100) {
            error(exchange, 400, "INVALID_ARGUMENT", "pageSize must be 1 to 100");
            return;
        }
        long from = FilesJson.param(query, "pageToken").map(t -> Long.parseLong(t.substring(4))).orElse(0L);
        List<String> page = new ArrayList<>();
        Long next = null;
        for (Map.Entry<Long, String> e : order.tailMap(from, true).entrySet()) {
            if (page.size() == pageSize) {
                next = e.getKey();
                break;
            }
            StoredEntry entry = files.get(e.getValue());
            if (entry != null) {
                page.add(entry.json.replace("\"state\":\"PROCESSING\"", "\"state\":\"" + (entry.pollsLeft.get() == 0
                        ? "ACTIVE" : "PROCESSING") + "\""));
            }
        }
        reply(exchange, 200, "{" + (page.isEmpty() ? "" : "\"files\":[" + String.join(",", page) + "]")
                + (next == null ? "" : (page.isEmpty() ? "" : ",") + "\"nextPageToken\":\"page" + next + "\"") + "}");
    }

    private void delete(HttpExchange exchange, String id) throws IOException {
        StoredEntry entry = files.remove("files/" + id);
        if (entry == null) {
            missing(exchange, id);
            return;
        }
        order.remove(entry.sequence);
        Files.deleteIfExists(entry.content);
        reply(exchange, 200, "{}");
    }

    private void download(HttpExchange exchange, String id) throws IOException {
        StoredEntry entry = files.get("files/" + id);
        if (entry == null) {
            missing(exchange, id);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, Files.size(entry.content));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(entry.content, out);
        }
    }

    private void missing(HttpExchange exchange, String id) throws IOException {
        error(exchange, 403, "PERMISSION_DENIED", "You do not have permission to access the File " + id
                + " or it may not exist.");
    }

    private void status(HttpExchange exchange, Session session) {
        exchange.getResponseHeaders().set("x-goog-upload-status", session.status().get());
        exchange.getResponseHeaders().set("x-goog-upload-size-received", Long.toString(session.received().get()));
    }

    private static void error(HttpExchange exchange, int status, String word, String message) throws IOException {
        reply(exchange, status, "{\"error\":{\"code\":" + status + ",\"message\":" + FilesJson.quote(message)
                + ",\"status\":\"" + word + "\"}}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void drain(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
    }

    private static String header(HttpExchange exchange, String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try (var listing = Files.list(dir)) {
            for (Path p : listing.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A leftover temporary file is harmless.
        }
    }
}
