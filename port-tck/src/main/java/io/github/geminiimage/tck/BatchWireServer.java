package io.github.geminiimage.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.domain.BatchInputMode;
import io.github.geminiimage.domain.BatchJob;
import io.github.geminiimage.domain.BatchOutput;
import io.github.geminiimage.domain.BatchPage;
import io.github.geminiimage.domain.BatchResult;
import io.github.geminiimage.domain.BatchSubmitOptions;
import io.github.geminiimage.domain.FileUpload;
import io.github.geminiimage.domain.StoredFile;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.KeyedRequest;
import io.github.geminiimage.domain.NotFoundException;
import io.github.geminiimage.domain.PermissionDeniedException;
import io.github.geminiimage.domain.RpcStatus;
import io.github.geminiimage.wire.RpcErrors;
import io.github.geminiimage.wire.batch.BatchInputWriter;
import io.github.geminiimage.wire.batch.JsonLineScanner;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A loopback server speaking the Gemini API's Batch Mode wire format (docs/wire-format.md, "Batch Mode") in front
 * of any {@link BatchPort} (the fake's, on a virtual clock): create with inline requests or an input
 * file read back from the given {@link FilesPort}, get, list, cancel, delete. It answers as the live
 * service does: states as {@code BATCH_STATE_*} strings, counts as int64 strings with zeros omitted,
 * the output both in {@code response} and in {@code metadata.output}, inline responses keyed by
 * {@code metadata.key}, errors in Google's envelope. A request line that is not the REST
 * {@code GenerateContentRequest} shape (a flattened {@code config}) is refused with 400, like the
 * service. Results files are the backend's (written into the same store). The Files API calls a batch
 * client makes (a resumable upload, {@code files.get}, the download) are answered from that store too.
 * Thread-safe.
 */
public final class BatchWireServer implements AutoCloseable {

    private static final Set<String> REQUEST_MEMBERS = Set.of("contents", "generationConfig", "systemInstruction",
            "safetySettings", "tools", "toolConfig", "cachedContent", "model");

    private final HttpServer server;
    private final ExecutorService executor;
    private final BatchPort backend;
    private final FilesPort files;
    private final LoopbackFilesServer filesServer;
    private final URI baseUri;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Upload> uploads = new java.util.concurrent.ConcurrentHashMap<>();

    private BatchWireServer(BatchPort backend, FilesPort files) throws IOException {
        this.backend = backend;
        this.files = files;
        this.filesServer = null;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "batch-wire-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private BatchWireServer(LoopbackFilesServer filesServer, BatchPort backend, FilesPort backendFiles) {
        this.backend = backend;
        this.files = backendFiles;
        this.filesServer = filesServer;
        this.server = null;
        this.executor = null;
        this.baseUri = filesServer.baseUri();
        filesServer.route("/v1beta/batches", this::handle).route("/v1beta/models/", this::handle);
    }

    /** Starts a server on a free loopback port answering from {@code backend}, file inputs read from {@code files}. */
    public static BatchWireServer start(BatchPort backend, FilesPort files) throws IOException {
        return new BatchWireServer(backend, files);
    }

    /**
     * Serves Batch Mode on the port of {@code filesServer}, which keeps serving the Files API: one
     * server speaks both, as the service does. A file job's input is read from what was uploaded to
     * {@code filesServer}; a finished job's results file, which {@code backend} writes into
     * {@code backendFiles}, is stored into {@code filesServer} under the same name when the job is
     * first read, so clients download it over HTTP. Closing the returned server leaves
     * {@code filesServer} running.
     */
    public static BatchWireServer on(LoopbackFilesServer filesServer, BatchPort backend, FilesPort backendFiles) {
        return new BatchWireServer(filesServer, backend, backendFiles);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The requests served so far, as {@code METHOD path}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                if (exchange.getRequestHeaders().getFirst("x-goog-api-key") == null
                        && !String.valueOf(exchange.getRequestURI().getRawQuery()).contains("key=")) {
                    reply(exchange, 401, error(401, "API key not valid. Please pass a valid API key.", "UNAUTHENTICATED"));
                    return;
                }
                if (path.startsWith("/upload/v1beta/files") || path.startsWith("/v1beta/files/")) {
                    filesApi(exchange, method, path, exchange.getRequestURI().getRawQuery(), body);
                    return;
                }
                reply(exchange, 200, route(method, path, exchange.getRequestURI().getRawQuery(), body));
            } catch (ImageGenerationException e) {
                int status = e.httpStatus().orElse(e instanceof InvalidRequestException ? 400
                        : e instanceof NotFoundException ? 404 : e instanceof PermissionDeniedException ? 403 : 500);
                String word = status == 400 ? "INVALID_ARGUMENT" : status == 404 ? "NOT_FOUND" : status == 403
                        ? "PERMISSION_DENIED" : "INTERNAL";
                reply(exchange, status, error(status, e.getMessage(), word));
            } catch (RuntimeException e) {
                reply(exchange, 500, error(500, "server failure: " + e, "INTERNAL"));
            }
        }
    }

    /**
     * The part of the Files API a batch client needs, in front of the file store: a resumable
     * upload whose chunks are gathered and stored on finalize, {@code files.get} and the download.
     */
    private void filesApi(HttpExchange exchange, String method, String path, String query, byte[] body) throws IOException {
        String command = String.valueOf(exchange.getRequestHeaders().getFirst("X-Goog-Upload-Command"));
        if (method.equals("POST") && path.equals("/upload/v1beta/files") && command.equals("start")) {
            String id = Integer.toString(uploads.size());
            uploads.put(id, new Upload(FilesJson.member(new String(body, StandardCharsets.UTF_8), "displayName"),
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Goog-Upload-Header-Content-Type")),
                    new ByteArrayOutputStream()));
            exchange.getResponseHeaders().add("x-goog-upload-url", baseUri() + "/upload/v1beta/files?upload_id=" + id);
            exchange.getResponseHeaders().add("x-goog-upload-status", "active");
            exchange.getResponseHeaders().add("x-goog-upload-chunk-granularity", Long.toString(8L * 1024 * 1024));
            reply(exchange, 200, new byte[0]);
            return;
        }
        Optional<String> uploadId = query == null ? Optional.empty() : FilesJson.param(query, "upload_id");
        if (method.equals("POST") && uploadId.isPresent() && uploads.containsKey(uploadId.get())) {
            Upload upload = uploads.get(uploadId.get());
            upload.content().write(body);
            if (!command.contains("finalize")) {
                exchange.getResponseHeaders().add("x-goog-upload-status", "active");
                reply(exchange, 200, new byte[0]);
                return;
            }
            byte[] content = upload.content().toByteArray();
            FileUpload.Builder b = FileUpload.fromStream(new ByteArrayInputStream(content), content.length)
                    .mimeType(upload.mimeType());
            upload.displayName().ifPresent(b::displayName);
            StoredFile stored = files.upload(b.build());
            exchange.getResponseHeaders().add("x-goog-upload-status", "final");
            reply(exchange, 200, ("{\"file\":" + fileJson(stored) + "}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring("/v1beta/".length());
        if (method.equals("GET") && name.endsWith(":download")) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            files.download(name.substring(0, name.length() - ":download".length()), content);
            reply(exchange, 200, content.toByteArray());
            return;
        }
        if (method.equals("GET")) {
            reply(exchange, 200, fileJson(files.get(name)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        throw new NotFoundException("no such method " + method + " " + path, io.github.geminiimage.domain.ErrorDetails.ofAttempts(1));
    }

    private static String fileJson(StoredFile f) {
        return FilesJson.file(f.name(), f.uri().toString(), f.mimeType(), f.sizeBytes(), f.state().value(),
                f.displayName(), f.createTime().orElse(java.time.Instant.EPOCH),
                f.sha256().map(io.github.geminiimage.domain.Sha256::toFilesApi).orElse(""), Optional.empty());
    }

    /** An upload session: what its start said and the bytes received so far. */
    private record Upload(Optional<String> displayName, String mimeType, ByteArrayOutputStream content) {
    }

    private byte[] route(String method, String path, String query, byte[] body) throws IOException {
        String prefix = "/v1beta/";
        if (!path.startsWith(prefix)) {
            throw new NotFoundException("no such path " + path, io.github.geminiimage.domain.ErrorDetails.ofAttempts(1));
        }
        String rest = path.substring(prefix.length());
        if (method.equals("POST") && rest.startsWith("models/") && rest.endsWith(":batchGenerateContent")) {
            String model = rest.substring("models/".length(), rest.length() - ":batchGenerateContent".length());
            return operation(create(model, body), false);
        }
        if (method.equals("GET") && rest.equals("batches")) {
            return list(query);
        }
        if (rest.startsWith("batches/")) {
            if (method.equals("POST") && rest.endsWith(":cancel")) {
                backend.cancel(rest.substring(0, rest.length() - ":cancel".length()));
                return "{}".getBytes(StandardCharsets.US_ASCII);
            }
            if (method.equals("GET")) {
                return operation(backend.get(rest), true);
            }
            if (method.equals("DELETE")) {
                backend.delete(rest);
                return "{}".getBytes(StandardCharsets.US_ASCII);
            }
        }
        throw new NotFoundException("no such method " + method + " " + path, io.github.geminiimage.domain.ErrorDetails.ofAttempts(1));
    }

    private BatchJob create(String model, byte[] body) throws IOException {
        JsonLineScanner s = new JsonLineScanner(new ByteArrayInputStream(body), 1 << 20);
        String displayName = null;
        String fileName = null;
        List<KeyedRequest> inline = null;
        s.beginObject();
        for (String top = s.nextName(); top != null; top = s.nextName()) {
            if (!top.equals("batch")) {
                s.skipValue();
                continue;
            }
            s.beginObject();
            for (String m = s.nextName(); m != null; m = s.nextName()) {
                if (m.equals("displayName")) {
                    displayName = s.readString();
                } else if (m.equals("inputConfig")) {
                    s.beginObject();
                    for (String c = s.nextName(); c != null; c = s.nextName()) {
                        if (c.equals("fileName")) {
                            fileName = s.readString();
                        } else if (c.equals("requests")) {
                            inline = inlineRequests(s, model);
                        } else {
                            s.skipValue();
                        }
                    }
                } else {
                    s.skipValue();
                }
            }
        }
        if ((fileName == null) == (inline == null)) {
            throw bad("batch.inputConfig must hold exactly one of requests and fileName");
        }
        String name = displayName == null ? "unnamed" : displayName;
        if (inline != null) {
            return backend.submit(name, model, inline, BatchSubmitOptions.via(BatchInputMode.INLINE));
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        if (filesServer != null) {
            String input = fileName;
            content.writeBytes(filesServer.content(input).orElseThrow(() -> new PermissionDeniedException(
                    "You do not have permission to access the File " + input + " or it may not exist.",
                    io.github.geminiimage.domain.ErrorDetails.ofAttempts(1))));
        } else {
            files.download(fileName, content);
        }
        return backend.submit(name, model, fileRequests(content.toByteArray(), model), BatchSubmitOptions.via(BatchInputMode.FILE));
    }

    /** {@code {"requests": [{"request": {...}, "metadata": {"key": ...}}, ...]}}: the doubled name of the wire. */
    private List<KeyedRequest> inlineRequests(JsonLineScanner s, String model) throws IOException {
        List<KeyedRequest> out = new ArrayList<>();
        s.beginObject();
        for (String m = s.nextName(); m != null; m = s.nextName()) {
            if (!m.equals("requests")) {
                s.skipValue();
                continue;
            }
            s.beginArray();
            while (s.nextElement()) {
                String key = null;
                String prompt = null;
                s.beginObject();
                for (String f = s.nextName(); f != null; f = s.nextName()) {
                    if (f.equals("request")) {
                        prompt = prompt(s);
                    } else if (f.equals("metadata")) {
                        s.beginObject();
                        for (String k = s.nextName(); k != null; k = s.nextName()) {
                            if (k.equals("key")) {
                                key = s.readString();
                            } else {
                                s.skipValue();
                            }
                        }
                    } else {
                        s.skipValue();
                    }
                }
                out.add(keyed(key, prompt, model));
            }
        }
        return out;
    }

    private List<KeyedRequest> fileRequests(byte[] jsonl, String model) throws IOException {
        JsonLineScanner s = new JsonLineScanner(new ByteArrayInputStream(jsonl), 1 << 20);
        List<KeyedRequest> out = new ArrayList<>();
        while (!s.atEnd()) {
            String key = null;
            String prompt = null;
            s.beginObject();
            for (String f = s.nextName(); f != null; f = s.nextName()) {
                if (f.equals("key")) {
                    key = s.readString();
                } else if (f.equals("request")) {
                    prompt = prompt(s);
                } else {
                    s.skipValue();
                }
            }
            out.add(keyed(key, prompt, model));
        }
        return out;
    }

    /** The first text part of a REST {@code GenerateContentRequest}, refusing members the REST shape has not. */
    private static String prompt(JsonLineScanner s) throws IOException {
        String text = null;
        s.beginObject();
        for (String m = s.nextName(); m != null; m = s.nextName()) {
            if (!REQUEST_MEMBERS.contains(m)) {
                throw bad("Invalid JSON payload received. Unknown name \"" + m + "\" at 'request': Cannot find field.");
            }
            if (!m.equals("contents")) {
                s.skipValue();
                continue;
            }
            s.beginArray();
            while (s.nextElement()) {
                s.beginObject();
                for (String c = s.nextName(); c != null; c = s.nextName()) {
                    if (!c.equals("parts")) {
                        s.skipValue();
                        continue;
                    }
                    s.beginArray();
                    while (s.nextElement()) {
                        s.beginObject();
                        for (String p = s.nextName(); p != null; p = s.nextName()) {
                            if (p.equals("text") && text == null) {
                                text = s.readString();
                            } else {
                                s.skipValue();
                            }
                        }
                    }
                }
            }
        }
        return text;
    }

    private static KeyedRequest keyed(String key, String prompt, String model) {
        if (key == null || prompt == null) {
            throw bad("a batch request without a key or a text part");
        }
        return KeyedRequest.of(key, GenerationRequest.builder().model(model).prompt(prompt).build());
    }

    private byte[] list(String query) throws IOException {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        int size = Integer.parseInt(params.getOrDefault("pageSize", "50"));
        BatchPage page = backend.listPage(Math.min(size, BatchPage.MAX_PAGE_SIZE), Optional.ofNullable(params.get("pageToken")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"operations\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < page.jobs().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            // The list omits inline results (docs/wire-format.md, "Batch Mode"): get each job for them.
            out.write(operation(page.jobs().get(i), false));
        }
        out.write(']');
        if (page.nextPageToken().isPresent()) {
            out.write((",\"nextPageToken\":" + BatchInputWriter.quote(page.nextPageToken().get())).getBytes(StandardCharsets.UTF_8));
        }
        out.write('}');
        return out.toByteArray();
    }

    /** The operation as the live API sends it (vector 22), the output in both places. */
    private byte[] operation(BatchJob job, boolean withInlineResults) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] output = job.output().isPresent() ? output(job, withInlineResults) : null;
        StringBuilder head = new StringBuilder(512);
        head.append("{\"name\":").append(q(job.name())).append(",\"metadata\":{\"@type\":")
                .append(q("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch"))
                .append(",\"model\":").append(q(job.model().startsWith("models/") ? job.model() : "models/" + job.model()));
        job.displayName().ifPresent(d -> head.append(",\"displayName\":").append(q(d)));
        job.createTime().ifPresent(t -> head.append(",\"createTime\":").append(q(t.toString())));
        job.updateTime().ifPresent(t -> head.append(",\"updateTime\":").append(q(t.toString())));
        job.endTime().ifPresent(t -> head.append(",\"endTime\":").append(q(t.toString())));
        head.append(",\"batchStats\":{");
        String sep = "";
        for (Object[] count : new Object[][] {{"requestCount", job.counts().total()},
                {"successfulRequestCount", job.counts().succeeded()}, {"failedRequestCount", job.counts().failed()},
                {"pendingRequestCount", job.counts().pending()}}) {
            if ((long) count[1] != 0) { // zero counters are omitted, the others are int64 strings
                head.append(sep).append('"').append(count[0]).append("\":\"").append(count[1]).append('"');
                sep = ",";
            }
        }
        head.append("},\"state\":").append(q(job.state().wireName())).append(",\"name\":").append(q(job.name()));
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (output != null) {
            out.write(",\"output\":".getBytes(StandardCharsets.US_ASCII));
            out.write(output);
        }
        out.write('}');
        if (job.isDone()) {
            out.write(",\"done\":true".getBytes(StandardCharsets.US_ASCII));
        }
        job.error().ifPresent(e -> out.writeBytes((",\"error\":" + status(e)).getBytes(StandardCharsets.UTF_8)));
        if (output != null) {
            out.write(",\"response\":".getBytes(StandardCharsets.US_ASCII));
            out.write(output, 0, 1);
            out.write(("\"@type\":" + q("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput")
                    + ",").getBytes(StandardCharsets.US_ASCII));
            out.write(output, 1, output.length - 1);
        }
        out.write('}');
        return out.toByteArray();
    }

    private byte[] output(BatchJob job, boolean withInlineResults) throws IOException {
        if (job.output().get() instanceof BatchOutput.ResponsesFile file) {
            if (filesServer != null && filesServer.content(file.fileName()).isEmpty()) {
                ByteArrayOutputStream results = new ByteArrayOutputStream();
                files.download(file.fileName(), results);
                filesServer.put(file.fileName(), "application/jsonl", results.toByteArray());
            }
            return ("{\"responsesFile\":" + q(file.fileName()) + "}").getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"inlinedResponses\":{\"inlinedResponses\":[".getBytes(StandardCharsets.US_ASCII));
        if (withInlineResults) {
            try (Stream<BatchResult> results = backend.results(job.name())) {
                boolean first = true;
                for (BatchResult result : (Iterable<BatchResult>) results::iterator) {
                    out.write(first ? '{' : ',');
                    if (!first) {
                        out.write('{');
                    }
                    first = false;
                    out.write(("\"metadata\":{\"key\":" + q(result.key()) + "},").getBytes(StandardCharsets.UTF_8));
                    if (result.isSuccess()) {
                        out.write("\"response\":".getBytes(StandardCharsets.US_ASCII));
                        response(result, out);
                    } else {
                        out.write(("\"error\":" + status(RpcErrors.toStatus(result.error().get()))).getBytes(StandardCharsets.UTF_8));
                    }
                    out.write('}');
                }
            }
        }
        out.write("]}}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A {@code GenerateContentResponse} holding the result's final image (what the fake drew). */
    private static void response(BatchResult result, OutputStream out) throws IOException {
        var image = result.requireResult().finalImage();
        StringBuilder json = new StringBuilder("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[");
        if (image.isPresent()) {
            json.append("{\"inlineData\":{\"mimeType\":").append(q(image.get().mimeType())).append(",\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(image.get().bytes())).append("\"}}");
        } else {
            json.append("{\"text\":").append(q(result.requireResult().text())).append('}');
        }
        json.append("]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":7}}");
        out.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String status(RpcStatus status) {
        return "{\"code\":" + status.code() + ",\"message\":" + q(status.message())
                + status.status().map(s -> ",\"status\":" + q(s)).orElse("") + "}";
    }

    private static byte[] error(int code, String message, String status) {
        return ("{\"error\":{\"code\":" + code + ",\"message\":" + q(message) + ",\"status\":" + q(status) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static InvalidRequestException bad(String message) {
        return new InvalidRequestException(message, new io.github.geminiimage.domain.ErrorDetails(400,
                Optional.of("INVALID_ARGUMENT"), Optional.of(message), 1, Optional.empty()));
    }

    private static String q(String text) {
        return BatchInputWriter.quote(text);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

}
