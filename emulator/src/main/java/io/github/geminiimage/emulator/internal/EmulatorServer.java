package io.github.geminiimage.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ServedTier;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.RecordedRequest;
import io.github.geminiimage.emulator.VertexCall;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.wire.FileResources;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.JsonBody;
import io.github.geminiimage.wire.ReplyStream;
import io.github.geminiimage.wire.batch.BatchCreateReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP server behind {@code GeminiEmulator}: Google's paths, key checks and JSON on the JDK's
 * {@code com.sun.net.httpserver}, answered by the fake. Handlers run on a bounded pool of daemon
 * threads; every request is logged without image bytes or keys.
 */
public final class EmulatorServer implements AutoCloseable {

    /** The most requests the log keeps; older ones are dropped so a long run keeps its memory flat. */
    public static final int LOG_LIMIT = 10_000;
    private static final int MAX_THREADS = 256;
    private static final long MAX_BODY = 120L * 1000 * 1000;
    private static final String JSON = "application/json; charset=UTF-8";

    private static final Pattern GEMINI_MODEL = Pattern.compile("/(v1beta|v1|v1alpha)/models/([^/:]+)(?::([A-Za-z]+))?");
    private static final Pattern VERTEX_MODEL = Pattern.compile(
            "/(v1|v1beta1)/(?:projects/[^/]+/locations/[^/]+/)?publishers/google/models/([^/:]+):([A-Za-z]+)");
    private static final Pattern FILES = Pattern.compile("/(?:download/)?(v1beta|v1)/files(?:/([a-z0-9-]+)(:download)?)?");
    private static final Pattern BATCHES = Pattern.compile("/(v1beta|v1)/batches(?:/([^/:]+)(:cancel)?)?");
    private static final Pattern UPLOAD = Pattern.compile("/upload/(v1beta|v1)/files");
    /** The reply of a delete or a cancel. */
    private static final byte[] EMPTY = {'{', '}'};

    /**
     * The server's settings.
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param apiKey the only key accepted, or empty for any non-empty key
     * @param dataDir where the Files store keeps its bytes
     * @param granularity the upload chunk granularity
     * @param batchPending how long a batch job stays pending
     * @param batchRunning how long a batch job runs
     * @param clock the clock of the batch jobs
     */
    public record Config(String host, int port, Optional<String> apiKey, Path dataDir, long granularity,
            Duration batchPending, Duration batchRunning, java.time.Clock clock) {
    }

    private final Config config;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final FakeImageGeneration fake;
    private final java.util.concurrent.atomic.AtomicInteger flexSheds = new java.util.concurrent.atomic.AtomicInteger();
    private final FileStore files;
    private final BatchService batches;
    private final Rules rules = new Rules();
    /** The header that names the tier that served a call. */
    static final String SERVICE_TIER_HEADER = "x-gemini-service-tier";
    private final Deque<RecordedRequest> log = new ArrayDeque<>();
    /**
     * The trace of each exchange in flight. Not {@code HttpExchange.setAttribute}: on Java 17 the JDK's
     * server keeps exchange attributes in the context, shared by every exchange at once, so concurrent
     * calls logged each other's status.
     */
    private final Map<HttpExchange, Trace> traces = new java.util.concurrent.ConcurrentHashMap<>();
    private final Deque<String> uploadCommands = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicLong cutNextChunkAfter = new java.util.concurrent.atomic.AtomicLong(-1);
    private final AtomicInteger failNextChunks = new AtomicInteger();
    private final AtomicInteger uploadCuts = new AtomicInteger();
    private volatile Optional<String> uploadUrlBase = Optional.empty();
    private final List<String> vertexTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<String> revokedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Deque<VertexCall> vertexCalls = new ArrayDeque<>();
    private volatile CountDownLatch holdRefused = new CountDownLatch(0);

    /** Binds and starts the server. */
    public EmulatorServer(Config config) throws IOException {
        this.config = config;
        this.fake = FakeImageGeneration.builder().recordRequests(false).build();
        this.files = new FileStore(config.dataDir(), config.granularity());
        this.batches = new BatchService(() -> FakeBatches.builder().clock(config.clock())
                .pendingTime(config.batchPending()).runTime(config.batchRunning()).build(), files);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "gemini-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        // The JDK server writes the headers and the body in separate packets; without TCP_NODELAY every
        // reply waits out the client's delayed ACK (about 40 ms). Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URI clients configure, e.g. {@code http://127.0.0.1:8089}. */
    public URI baseUri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    /** The fake that answers generate calls. */
    public FakeImageGeneration fake() {
        return fake;
    }

    /** The fake that runs batch jobs now (a new one after each reset). */
    public FakeBatches fakeBatches() {
        return batches.batches();
    }

    /** The Files store. */
    public FileStore files() {
        return files;
    }

    /** Queues outcomes for the next generate calls. */
    public void enqueue(List<EmulatorOutcome> outcomes) {
        fake.enqueue(outcomes.stream().map(Outcomes::response).toArray(io.github.geminiimage.adapter.fake.FakeResponse[]::new));
    }

    /** Answers every later call with {@code outcome} when nothing is queued, until reset. */
    public void always(EmulatorOutcome outcome) {
        fake.when(request -> true, Outcomes.response(outcome));
    }

    /** Adds standing rules after those in force. */
    public void addRules(List<io.github.geminiimage.emulator.EmulatorRule> more) {
        rules.add(more);
    }

    /** Sheds the next {@code count} generate calls that ask for the flex tier with a 503, as an overloaded service does. */
    public void shedFlex(int count) {
        flexSheds.set(count);
    }

    /** The requests received, oldest first (at most {@link #LOG_LIMIT}). */
    public List<RecordedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * Cuts the next chunk sent to an upload session after {@code bytes} bytes of its body: the whole
     * granules read are kept, as a resumable server persists them, and the connection is dropped
     * without a reply. A negative value cancels a pending cut.
     */
    public void cutNextChunkAfter(long bytes) {
        cutNextChunkAfter.set(bytes);
    }

    /** Answers the next {@code count} chunks 503 {@code UNAVAILABLE}, their bytes dropped. */
    public void failNextChunks(int count) {
        failNextChunks.set(count);
    }

    /** How many chunks {@link #cutNextChunkAfter} cut. */
    public int uploadCuts() {
        return uploadCuts.get();
    }

    /** Every request to an upload session, oldest first: {@code upload@OFFSET}, {@code finalize@OFFSET}, {@code query}, {@code cancel}. */
    public List<String> uploadCommands() {
        synchronized (uploadCommands) {
            return List.copyOf(uploadCommands);
        }
    }

    /** Hands out upload session URLs on {@code base} (e.g. Google's host, as behind a proxy) instead of the request's host. */
    public void uploadUrlBase(Optional<String> base) {
        this.uploadUrlBase = base;
    }

    /**
     * From now on Vertex AI calls with a bearer token pass only with one of {@code tokens} (and the
     * ones given before) that was not revoked; any other gets the 401 Vertex answers for an expired
     * or unknown token.
     */
    public void acceptVertexTokens(List<String> tokens) {
        vertexTokens.addAll(tokens);
    }

    /** Stops taking {@code token}, as Google does once it expired. */
    public void revokeVertexToken(String token) {
        revokedTokens.add(token);
    }

    /** Holds each call refused for its credentials until {@code count} of them have arrived (20 s at most). */
    public void holdRefusedCallsUntil(int count) {
        holdRefused = new CountDownLatch(count);
    }

    /** The credentials of each Vertex AI call, oldest first (the last {@link #LOG_LIMIT}). */
    public List<VertexCall> vertexCalls() {
        synchronized (vertexCalls) {
            return List.copyOf(vertexCalls);
        }
    }

    /** Forgets the queued outcomes, rules, request log, files and batch jobs. */
    public void reset() {
        fake.reset();
        rules.clear();
        flexSheds.set(0);
        synchronized (log) {
            log.clear();
        }
        synchronized (uploadCommands) {
            uploadCommands.clear();
        }
        cutNextChunkAfter.set(-1);
        failNextChunks.set(0);
        uploadCuts.set(0);
        vertexTokens.clear();
        revokedTokens.clear();
        synchronized (vertexCalls) {
            vertexCalls.clear();
        }
        holdRefused.countDown();
        holdRefused = new CountDownLatch(0);
        files.clear();
        files.processing(0, Optional.empty());
        batches.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        fake.close();
        rules.close();
        batches.close();
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- dispatch

    /** What the log keeps of one exchange, filled in while it is handled. */
    private static final class Trace {
        final String path;
        boolean recorded;
        Optional<String> model = Optional.empty();
        Optional<String> prompt = Optional.empty();
        List<Long> images = List.of();
        int status;
        /** Set for a Vertex AI call: its credentials, without the secrets. */
        Optional<VertexCall> vertex = Optional.empty();

        Trace(String path) {
            this.path = path;
        }
    }

    /** Leaves a handler without a reply: the connection is closed under the client. */
    private static final class DropConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DropConnection() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean control = path.startsWith("/emulator/");
        Trace trace = new Trace(path);
        if (!control) {
            traces.put(exchange, trace);
        }
        boolean drop = false;
        try {
            if (control) {
                control(exchange, path);
            } else {
                route(exchange, path, trace);
            }
        } catch (ApiError e) {
            drain(exchange);
            trace.status = e.code();
            sendError(exchange, e);
        } catch (DropConnection e) {
            drop = true;
        } catch (IOException e) {
            drop = true;
        } catch (RuntimeException e) {
            drain(exchange);
            trace.status = 500;
            sendError(exchange, ApiError.of(500, "INTERNAL", "An internal error has occurred: " + e));
        } finally {
            if (!control) {
                record(exchange, trace);
                traces.remove(exchange);
            }
        }
        if (drop) {
            // Thrown out of the handler, an exception makes the JDK server close the connection without a reply.
            throw new IOException("connection dropped on purpose");
        }
        exchange.close();
    }

    /**
     * Sends the reply's head, logging the exchange first: a client that reads the log as soon as it
     * has its reply finds the exchange there.
     */
    /**
     * The request as the server answers it: one reply per request, so a reply that stops with
     * {@code CONTINUATION} goes back to the client, which sends the token (the fake would continue).
     */
    private static GenerationRequest serverSide(GenerationRequest request) {
        return request.toBuilder().automaticContinuation(false).build();
    }

    private void sendHeaders(HttpExchange exchange, int status, long length) throws IOException {
        Trace trace = traces.get(exchange);
        if (trace != null) {
            trace.status = status;
            record(exchange, trace);
        }
        exchange.sendResponseHeaders(status, length);
    }

    private void record(HttpExchange exchange, Trace trace) {
        if (trace.recorded) {
            return;
        }
        trace.recorded = true;
        RecordedRequest request = new RecordedRequest(Instant.now(), exchange.getRequestMethod(), trace.path, trace.model,
                trace.prompt, trace.images.size(), trace.images, trace.status);
        synchronized (log) {
            if (log.size() == LOG_LIMIT) {
                log.removeFirst();
            }
            log.addLast(request);
        }
        trace.vertex.ifPresent(call -> {
            synchronized (vertexCalls) {
                if (vertexCalls.size() == LOG_LIMIT) {
                    vertexCalls.removeFirst();
                }
                vertexCalls.addLast(new VertexCall(call.path(), call.bearer(), call.tokenNumber(), call.apiKey(),
                        call.quotaProject(), trace.status));
            }
        });
    }

    private void route(HttpExchange exchange, String path, Trace trace) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Matcher m;
        if ((m = UPLOAD.matcher(path)).matches()) {
            if (query.containsKey("upload_id")) {
                uploadSession(exchange, query.get("upload_id"), trace);
                return;
            }
            authorize(exchange, query, false, trace);
            requireMethod(method, "POST");
            uploadStart(exchange, trace);
            return;
        }
        if ((m = VERTEX_MODEL.matcher(path)).matches()) {
            authorize(exchange, query, true, trace);
            trace.model = Optional.of(m.group(2));
            generateCall(exchange, m.group(2), m.group(3), query, true, trace);
            return;
        }
        if ((m = GEMINI_MODEL.matcher(path)).matches()) {
            authorize(exchange, query, false, trace);
            String model = m.group(2);
            String version = m.group(1);
            trace.model = Optional.of(model);
            if (m.group(3) == null) {
                requireMethod(method, "GET");
                reply(exchange, 200, Models.get(model).orElseThrow(() -> ApiError.notFound("Model is not found: models/"
                        + model + " for api version " + version)), trace);
                return;
            }
            if (m.group(3).equals("batchGenerateContent")) {
                requireMethod(method, "POST");
                byte[] body = body(exchange);
                reply(exchange, 200, batches.create(model, readWire(() -> BatchCreateReader.read(body)), this::batchRequest),
                        trace);
                return;
            }
            generateCall(exchange, model, m.group(3), query, false, trace);
            return;
        }
        if (path.equals("/v1beta/models") || path.equals("/v1/models") || path.equals("/v1alpha/models")) {
            authorize(exchange, query, false, trace);
            requireMethod(method, "GET");
            reply(exchange, 200, Models.list(), trace);
            return;
        }
        if ((m = FILES.matcher(path)).matches()) {
            authorize(exchange, query, false, trace);
            files(exchange, method, m.group(2), m.group(3) != null, query, trace);
            return;
        }
        if ((m = BATCHES.matcher(path)).matches()) {
            authorize(exchange, query, false, trace);
            batchCall(exchange, method, m.group(2), m.group(3) != null, query, trace);
            return;
        }
        throw ApiError.notFound("The requested URL " + path + " was not found on this server.");
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw ApiError.of(405, "METHOD_NOT_ALLOWED", "Method " + method + " is not allowed here; use " + expected + ".");
        }
    }

    /**
     * Checks the key as Google does: {@code x-goog-api-key}, {@code ?key=} or a bearer token on the
     * Gemini API (a missing one is a 403, a wrong one the 400 {@code API_KEY_INVALID}); a bearer
     * token or, in express mode, a key on Vertex paths (401 when missing or wrong).
     */
    private void authorize(HttpExchange exchange, Map<String, String> query, boolean vertex, Trace trace) {
        String key = exchange.getRequestHeaders().getFirst("x-goog-api-key");
        if (key == null) {
            key = query.get("key");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        String credential = vertex ? (bearer != null ? bearer : key) : (key != null ? key : bearer);
        if (vertex) {
            int number = bearer == null ? -1 : vertexTokens.indexOf(bearer);
            trace.vertex = Optional.of(new VertexCall(trace.path, bearer != null,
                    number < 0 ? Optional.empty() : Optional.of(number + 1), key != null,
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-goog-user-project")), 0));
        }
        if (credential == null || credential.isBlank()) {
            throw refused(vertex ? ApiError.unauthenticated(true) : ApiError.keyMissing());
        }
        if (vertex && bearer != null && !vertexTokens.isEmpty()) {
            if (!vertexTokens.contains(bearer) || revokedTokens.contains(bearer)) {
                throw refused(ApiError.unauthenticated(false));
            }
            return;
        }
        if (config.apiKey().isPresent() && !config.apiKey().get().equals(credential)) {
            throw refused(vertex ? ApiError.unauthenticated(false) : ApiError.apiKeyInvalid());
        }
    }

    /** Holds a refused call while {@link #holdRefusedCallsUntil} waits for more, then returns its error. */
    private ApiError refused(ApiError error) {
        CountDownLatch hold = holdRefused;
        hold.countDown();
        try {
            // A bound, not a promise: the test counts the refusals afterwards.
            hold.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return error;
    }

    // ---------------------------------------------------------------- generate

    private void generateCall(HttpExchange exchange, String model, String action, Map<String, String> query,
            boolean vertex, Trace trace) throws IOException {
        requireMethod(exchange.getRequestMethod(), "POST");
        boolean stream = action.equals("streamGenerateContent");
        if (!stream && !action.equals("generateContent")) {
            throw ApiError.notFound("Method " + action + " is not supported by models/" + model + " in the emulator.");
        }
        Optional<Rules.Active> discarding = stream ? Optional.empty() : rules.discardingBody();
        if (discarding.isPresent()) {
            drain(exchange);
            byte[] reply = discarding.get().prepared(model, vertex);
            trace.status = 200;
            sendRuleReply(exchange, reply, discarding.get());
            return;
        }
        MessageDigest digest = sha256();
        GenerationRequest request;
        try (InputStream body = new DigestInputStream(exchange.getRequestBody(), digest)) {
            request = GenerateWire.read(body, model, MAX_BODY, this::resolve);
        }
        // The response id a stream of the same request carries too: the same request streams the same reply.
        String responseId = Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()).substring(0, 22);
        trace.prompt = request.prompt();
        trace.images = request.images().stream().map(ImageInput::sizeBytes).toList();
        Optional<ServiceTier> tier = request.serviceTier();
        if (tier.filter(t -> t == ServiceTier.FLEX).isPresent() && flexSheds.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ApiError.of(503, "UNAVAILABLE", "The model is overloaded and flex requests are being shed. "
                    + "Please try again later.");
        }
        // The service names the tier that served the call: the header, and trafficType in the usage.
        tier.ifPresent(t -> exchange.getResponseHeaders().set(SERVICE_TIER_HEADER, t.value()));
        Optional<Rules.Active> rule = rules.match(request.prompt());
        FakeImageGeneration answering = rule.map(Rules.Active::fake).orElse(fake);
        Optional<Instant> createTime = vertex ? Optional.of(Instant.now()) : Optional.empty();
        if (!stream) {
            GenerationResult result;
            try {
                result = answering.generate(serverSide(request));
            } catch (ImageGenerationException e) {
                special(exchange, e, model, trace);
                return;
            }
            trace.status = 200;
            result = new GenerationResult(result.candidates(), result.promptFeedback(), result.usage(), result.modelVersion(),
                    Optional.of(responseId), tier.map(ServedTier::of).orElse(ServedTier.NONE), Optional.empty());
            if (rule.isPresent()) {
                sendRuleReply(exchange, GenerateWire.replyBytes(result, createTime), rule.get());
                return;
            }
            JsonBody reply = createTime.isPresent() ? GenerateContentCodec.encodeVertexReply(result, createTime.get())
                    : GenerateContentCodec.encodeReply(result);
            exchange.getResponseHeaders().set("Content-Type", JSON);
            sendHeaders(exchange, 200, reply.contentLength());
            try (OutputStream out = exchange.getResponseBody()) {
                reply.writeTo(out);
            }
            return;
        }
        GenerationStream events;
        try {
            events = answering.stream(serverSide(request));
        } catch (ImageGenerationException e) {
            special(exchange, e, model, trace);
            return;
        }
        boolean sse = "sse".equals(query.get("alt"));
        trace.status = 200;
        streamReply(exchange, events, model, sse, createTime, responseId);
    }

    /** Sends a rule's 200 reply, dribbled if the rule says so. */
    private void sendRuleReply(HttpExchange exchange, byte[] reply, Rules.Active rule) throws IOException {
        Duration pause = rule.rule().dribble();
        if (pause.isZero()) {
            sendBytes(exchange, 200, "application/json; charset=UTF-8", reply);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        sendHeaders(exchange, 200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            Rules.dribble(out, reply, pause);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Answers a failure of the fake: an error envelope, or the wire fault it stands for. */
    private void special(HttpExchange exchange, ImageGenerationException failure, String model, Trace trace)
            throws IOException {
        Optional<Outcomes.Special> special = Outcomes.special(failure);
        if (special.isEmpty()) {
            throw Outcomes.error(failure, model);
        }
        switch (special.get()) {
            case DROP_CONNECTION -> throw new DropConnection();
            case MALFORMED -> {
                trace.status = 200;
                sendBytes(exchange, 200, "application/json; charset=UTF-8",
                        "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"the reply ends inside a str"
                                .getBytes(StandardCharsets.UTF_8));
            }
            case TOO_LARGE -> {
                trace.status = 200;
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                sendHeaders(exchange, 200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"".getBytes(StandardCharsets.US_ASCII));
                    byte[] block = new byte[64 * 1024];
                    java.util.Arrays.fill(block, (byte) 'x');
                    for (int i = 0; i < 65 * 16; i++) {
                        out.write(block);
                    }
                    out.write("\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // The client stopped reading at its cap, as it should.
                }
            }
            default -> throw new IllegalStateException("unknown special " + special.get());
        }
    }

    private void streamReply(HttpExchange exchange, GenerationStream events, String model, boolean sse,
            Optional<Instant> vertexCreateTime, String responseId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", sse ? "text/event-stream" : JSON);
        exchange.getResponseHeaders().set("Content-Disposition", "attachment");
        sendHeaders(exchange, 200, 0);
        OutputStream out = exchange.getResponseBody();
        ReplyStream reply = sse ? ReplyStream.serverSentEvents(out, model, responseId, vertexCreateTime)
                : ReplyStream.jsonArray(out, model, responseId, vertexCreateTime);
        try (events) {
            for (StreamEvent event : events) {
                reply.accept(event);
            }
            reply.end(events.result());
        } catch (ImageGenerationException failure) {
            reply.cut();
            Optional<Outcomes.Special> special = Outcomes.special(failure);
            if (special.filter(s -> s == Outcomes.Special.DROP_CONNECTION).isPresent()) {
                throw new DropConnection();
            }
            if (special.isEmpty()) {
                reply.endWithError(Outcomes.error(failure, model).envelope());
            }
            // Otherwise a stream cut short (no finish reason) or over the cap: the body just ends here.
        }
        out.close();
    }

    /** Decodes one request of a batch job as the generate calls decode theirs, file URIs resolved alike. */
    private GenerationRequest batchRequest(String model, byte[] json) {
        try {
            return GenerateWire.read(new ByteArrayInputStream(json), model, MAX_BODY, this::resolve);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves a {@code fileData.fileUri}: a file of the store, else the service's 400 for a URL it cannot fetch. */
    private ImageInput resolve(URI uri, MediaType mediaType) {
        return files.resolve(uri, mediaType).orElseThrow(() -> ApiError.invalidArgument(
                "Cannot fetch content from the provided URL: " + uri + " (the emulator serves only its own files)"));
    }

    // ---------------------------------------------------------------- files

    private void uploadStart(HttpExchange exchange, Trace trace) throws IOException {
        FileResources.UploadStart file = readWire(() -> FileResources.readStart(body(exchange)));
        var headers = exchange.getRequestHeaders();
        String protocol = headers.getFirst("X-Goog-Upload-Protocol");
        String command = headers.getFirst("X-Goog-Upload-Command");
        if (!"resumable".equalsIgnoreCase(protocol) || !"start".equalsIgnoreCase(command)) {
            throw ApiError.invalidArgument("The emulator takes resumable uploads only: send X-Goog-Upload-Protocol: "
                    + "resumable and X-Goog-Upload-Command: start");
        }
        String sizeHeader = headers.getFirst("X-Goog-Upload-Header-Content-Length");
        long total = sizeHeader != null ? parseLong(sizeHeader) : file.sizeBytes().orElse(-1L);
        String mime = Optional.ofNullable(headers.getFirst("X-Goog-Upload-Header-Content-Type"))
                .or(file::mimeType)
                .orElseThrow(() -> ApiError.invalidArgument("X-Goog-Upload-Header-Content-Type is required"));
        String session = files.start(total, mime, file.displayName(), file.name());
        String base = uploadUrlBase.orElseGet(() -> base(exchange));
        exchange.getResponseHeaders().set("x-goog-upload-url", base + exchange.getRequestURI().getPath()
                + "?upload_id=" + session + "&upload_protocol=resumable");
        exchange.getResponseHeaders().set("x-goog-upload-status", "active");
        exchange.getResponseHeaders().set("x-goog-upload-chunk-granularity", Long.toString(files.granularity()));
        exchange.getResponseHeaders().set("x-goog-upload-control-url", base + exchange.getRequestURI().getPath()
                + "?upload_id=" + session + "&upload_protocol=resumable");
        trace.status = 200;
        sendHeaders(exchange, 200, -1);
    }

    private void uploadSession(HttpExchange exchange, String session, Trace trace) throws IOException {
        var headers = exchange.getRequestHeaders();
        String command = Optional.ofNullable(headers.getFirst("X-Goog-Upload-Command")).orElse("")
                .toLowerCase(Locale.ROOT).replace(" ", "");
        FileStore.SessionState state;
        if (command.equals("query")) {
            logUploadCommand("query");
            drain(exchange);
            state = files.query(session);
        } else if (command.equals("cancel")) {
            logUploadCommand("cancel");
            drain(exchange);
            state = files.cancel(session);
        } else if (command.equals("upload") || command.equals("upload,finalize") || command.equals("finalize")) {
            boolean finalize = command.endsWith("finalize");
            long offset = Optional.ofNullable(headers.getFirst("X-Goog-Upload-Offset")).map(EmulatorServer::parseLong)
                    .orElseGet(() -> files.query(session).received());
            long length = Optional.ofNullable(headers.getFirst("Content-Length")).map(EmulatorServer::parseLong).orElse(-1L);
            logUploadCommand((finalize ? "finalize@" : "upload@") + offset);
            if (failNextChunks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                drain(exchange);
                // Echoes the request target, as some proxies do: a client must redact the session URL in it.
                throw ApiError.of(503, "UNAVAILABLE", "The service is currently unavailable (" + exchange.getRequestURI()
                        + ").");
            }
            InputStream body = exchange.getRequestBody();
            long cut = cutNextChunkAfter.getAndSet(-1);
            if (cut >= 0) {
                uploadCuts.incrementAndGet();
                body = new CutBody(body, cut);
            }
            if (length < 0) {
                // A chunked body: spool it to learn its length (the SDKs always send Content-Length).
                Path spool = Files.createTempFile(config.dataDir(), "chunk-", ".part");
                try {
                    try (OutputStream out = Files.newOutputStream(spool)) {
                        body.transferTo(out);
                    }
                    try (InputStream in = Files.newInputStream(spool)) {
                        state = files.upload(session, offset, Files.size(spool), finalize, in);
                    }
                } finally {
                    Files.deleteIfExists(spool);
                }
            } else {
                state = files.upload(session, offset, length, finalize, body);
            }
        } else {
            throw ApiError.invalidArgument("Unknown X-Goog-Upload-Command: " + command);
        }
        exchange.getResponseHeaders().set("x-goog-upload-status", state.status());
        exchange.getResponseHeaders().set("x-goog-upload-size-received", Long.toString(state.received()));
        trace.status = 200;
        if (state.file().isPresent()) {
            FileStore.Entry file = state.file().get();
            String shown = FileStore.peek(file).equals("FAILED") ? "PROCESSING" : FileStore.peek(file);
            sendBytes(exchange, 200, JSON, FileResources.writeUploaded(FileStore.resource(file, base(exchange), shown)));
        } else {
            sendHeaders(exchange, 200, -1);
        }
    }

    private void logUploadCommand(String command) {
        synchronized (uploadCommands) {
            if (uploadCommands.size() == LOG_LIMIT) {
                uploadCommands.removeFirst();
            }
            uploadCommands.addLast(command);
        }
    }

    /** A chunk's body that ends after {@code limit} bytes, as if the connection broke there. */
    private static final class CutBody extends java.io.FilterInputStream {
        private long left;

        CutBody(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private void files(HttpExchange exchange, String method, String id, boolean download, Map<String, String> query,
            Trace trace) throws IOException {
        if (id == null) {
            requireMethod(method, "GET");
            int pageSize = pageSize(query, 10);
            var page = files.list(pageSize, Optional.ofNullable(query.get("pageToken")));
            String base = base(exchange);
            reply(exchange, 200, FileResources.writePage(new FilePage(page.getKey().stream()
                    .map(e -> FileStore.resource(e, base, FileStore.peek(e))).toList(), page.getValue())), trace);
        } else if (download) {
            requireMethod(method, "GET");
            FileStore.Entry entry = files.require(id);
            trace.status = 200;
            exchange.getResponseHeaders().set("Content-Type", entry.mimeType());
            sendHeaders(exchange, 200, entry.sizeBytes() == 0 ? -1 : entry.sizeBytes());
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(entry.content(), out);
            }
        } else if (method.equals("GET")) {
            FileStore.Entry entry = files.require(id);
            reply(exchange, 200, FileResources.writeFile(FileStore.resource(entry, base(exchange), FileStore.read(entry))), trace);
        } else if (method.equals("DELETE")) {
            files.delete(id);
            reply(exchange, 200, EMPTY, trace);
        } else {
            requireMethod(method, "GET");
        }
    }

    // ---------------------------------------------------------------- batches

    private void batchCall(HttpExchange exchange, String method, String id, boolean cancel, Map<String, String> query,
            Trace trace) throws IOException {
        if (id == null) {
            requireMethod(method, "GET");
            reply(exchange, 200, batches.list(pageSize(query, 10), Optional.ofNullable(query.get("pageToken"))), trace);
        } else if (cancel) {
            requireMethod(method, "POST");
            drain(exchange);
            batches.cancel(id);
            reply(exchange, 200, EMPTY, trace);
        } else if (method.equals("DELETE")) {
            batches.delete(id);
            reply(exchange, 200, EMPTY, trace);
        } else {
            requireMethod(method, "GET");
            reply(exchange, 200, batches.get(id), trace);
        }
    }

    /** A wire reader's refusal of a body, answered as Google's 400. */
    private static <T> T readWire(WireRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (InvalidRequestException e) {
            throw ApiError.invalidArgument(e.getMessage());
        }
    }

    /** A read of a body by one of wire's server-side readers. */
    @FunctionalInterface
    private interface WireRead<T> {
        T read() throws IOException;
    }

    private static int pageSize(Map<String, String> query, int defaultSize) {
        int size = Optional.ofNullable(query.get("pageSize")).map(v -> (int) parseLong(v)).orElse(defaultSize);
        if (size < 0) {
            throw ApiError.invalidArgument("pageSize must not be negative: " + size);
        }
        return size == 0 ? defaultSize : Math.min(size, 100);
    }

    // ---------------------------------------------------------------- control API

    private void control(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/emulator/v1/outcomes" -> {
                requireMethod(method, "POST");
                List<EmulatorOutcome> outcomes = parseOutcomes(ControlJson.readIgnoringUnknown(body(exchange),
                        ControlJson.OutcomesBody.class));
                enqueue(outcomes);
                sendControl(exchange, new ControlJson.Queued(outcomes.size(), fake.queuedResponses()));
            }
            case "/emulator/v1/rules" -> {
                requireMethod(method, "POST");
                List<io.github.geminiimage.emulator.EmulatorRule> added = Rules.parse(ControlJson.read(body(exchange),
                        ControlJson.RulesBody.class));
                addRules(added);
                sendControl(exchange, new ControlJson.Added(added.size()));
            }
            case "/emulator/v1/requests" -> {
                requireMethod(method, "GET");
                sendControl(exchange, new ControlJson.RequestLog(requests().stream().map(r -> new ControlJson.LoggedRequest(
                        r.time().toString(), r.method(), r.path(), r.model().orElse(null), r.prompt().orElse(null),
                        r.imageCount(), r.imageSizes(), r.status())).toList()));
            }
            case "/emulator/v1/file-processing" -> {
                requireMethod(method, "POST");
                ControlJson.FileProcessing body = ControlJson.read(body(exchange), ControlJson.FileProcessing.class);
                int reads = Optional.ofNullable(body.reads()).orElse(0);
                if (reads < 0) {
                    throw ApiError.invalidArgument("reads: " + reads + " is negative; expected 0 or more (-1 is not forever; "
                            + "use 2147483647)");
                }
                files.processing(reads, Optional.ofNullable(body.failure()));
                sendControl(exchange, new ControlJson.Empty());
            }
            case "/emulator/v1/batch-failures" -> {
                requireMethod(method, "POST");
                List<Object> failures = Optional.ofNullable(ControlJson.read(body(exchange), ControlJson.BatchFailures.class)
                        .failures()).orElse(List.of());
                if (failures.isEmpty()) {
                    throw ApiError.invalidArgument("failures: expected e.g. {\"failures\": [{\"key\": \"request-2\", "
                            + "\"outcome\": \"server-error\"}]}");
                }
                for (Object item : failures) {
                    if (!(item instanceof Map<?, ?> object)) {
                        throw ApiError.invalidArgument("failures: " + ControlJson.show(item)
                                + " is not an object with key and outcome");
                    }
                    ControlJson.BatchFailure failure = ControlJson.bind(object, ControlJson.BatchFailure.class, "failures");
                    String key = Optional.ofNullable(failure.key())
                            .orElseThrow(() -> ApiError.invalidArgument("failures: an entry needs \"key\""));
                    EmulatorOutcome outcome;
                    try {
                        outcome = EmulatorOutcome.of(Optional.ofNullable(failure.outcome())
                                .orElseThrow(() -> ApiError.invalidArgument("failures: an entry needs \"outcome\"")));
                    } catch (IllegalArgumentException e) {
                        throw ApiError.invalidArgument(e.getMessage());
                    }
                    batches.batches().when(request -> request.key().equals(key), Outcomes.response(outcome));
                }
                sendControl(exchange, new ControlJson.Empty());
            }
            case "/emulator/v1/upload-faults" -> {
                requireMethod(method, "POST");
                ControlJson.UploadFaults body = ControlJson.read(body(exchange), ControlJson.UploadFaults.class);
                Optional<Integer> cut = Optional.ofNullable(body.cutNextChunkAfter());
                Optional<Integer> fail = Optional.ofNullable(body.failNextChunks());
                if (cut.isEmpty() && fail.isEmpty()) {
                    throw ApiError.invalidArgument("expected e.g. {\"cutNextChunkAfter\": 1000} or {\"failNextChunks\": 2}");
                }
                if (cut.filter(n -> n < 0).isPresent() || fail.filter(n -> n < 0).isPresent()) {
                    throw ApiError.invalidArgument("cutNextChunkAfter and failNextChunks must not be negative: "
                            + ControlJson.show(body));
                }
                cut.ifPresent(this::cutNextChunkAfter);
                fail.ifPresent(this::failNextChunks);
                sendControl(exchange, new ControlJson.Empty());
            }
            case "/emulator/v1/reset" -> {
                requireMethod(method, "POST");
                drain(exchange);
                reset();
                sendControl(exchange, new ControlJson.Empty());
            }
            default -> throw ApiError.notFound("No control endpoint " + path + "; the emulator has /emulator/v1/outcomes, "
                    + "/emulator/v1/rules, /emulator/v1/requests, /emulator/v1/file-processing, /emulator/v1/batch-failures, /emulator/v1/upload-faults "
                    + "and /emulator/v1/reset");
        }
    }

    /** Reads {@code {"outcomes": ["image", {"outcome": "rate-limited", "retryAfter": "2s", "delay": "1s"}]}}. */
    static List<EmulatorOutcome> parseOutcomes(ControlJson.OutcomesBody body) {
        List<EmulatorOutcome> outcomes = new ArrayList<>();
        List<Object> items = Optional.ofNullable(body.outcomes()).orElse(List.of());
        if (items.isEmpty()) {
            throw ApiError.invalidArgument("outcomes: expected a non-empty array of outcome names or objects, e.g. "
                    + "{\"outcomes\": [\"rate-limited\", \"image\"]}");
        }
        try {
            for (Object item : items) {
                if (item instanceof String name) {
                    outcomes.add(EmulatorOutcome.of(name));
                } else if (item instanceof Map<?, ?> object) {
                    outcomes.add(outcomeObject(ControlJson.bind(object, ControlJson.OutcomeItem.class, "outcomes"), "outcomes"));
                } else {
                    throw ApiError.invalidArgument("outcomes: " + ControlJson.show(item) + " is neither a name nor an object");
                }
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument(e.getMessage());
        }
        return outcomes;
    }

    /**
     * The outcome of an object {@code {"outcome": "rate-limited", "retryAfter": "2s", "delay": "1s"}} or
     * {@code {"outcome": "image", "imageBytes": 8000}} (its other members are checked by the caller).
     *
     * @throws IllegalArgumentException for a bad name or parameter
     */
    static EmulatorOutcome outcomeObject(ControlJson.OutcomeItem given, String where) {
        EmulatorOutcome outcome = EmulatorOutcome.of(Optional.ofNullable(given.outcome())
                .orElseThrow(() -> ApiError.invalidArgument(where + ": an object needs \"outcome\"")));
        if (given.retryAfter() != null) {
            outcome = outcome.withRetryAfter(Durations.parse("retryAfter", given.retryAfter()));
        }
        if (given.delay() != null) {
            outcome = outcome.after(Durations.parse("delay", given.delay()));
        }
        if (given.imageBytes() != null) {
            outcome = outcome.withImageBytes(given.imageBytes());
        }
        return outcome;
    }

    // ---------------------------------------------------------------- helpers

    private byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw ApiError.of(413, "INVALID_ARGUMENT", "Request payload size exceeds the limit: " + MAX_BODY + " bytes.");
            }
            return body;
        }
    }

    private String base(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null ? baseUri().toString() : "http://" + host;
    }

    private void reply(HttpExchange exchange, int status, byte[] json, Trace trace) throws IOException {
        trace.status = status;
        sendBytes(exchange, status, JSON, json);
    }

    private void reply(HttpExchange exchange, int status, JsonBody json, Trace trace) throws IOException {
        trace.status = status;
        exchange.getResponseHeaders().set("Content-Type", JSON);
        long length = json.contentLength();
        sendHeaders(exchange, status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                json.writeTo(out);
            }
        }
    }

    private void sendControl(HttpExchange exchange, Record document) throws IOException {
        sendBytes(exchange, 200, JSON, ControlJson.write(document));
    }

    private void sendError(HttpExchange exchange, ApiError error) throws IOException {
        sendBytes(exchange, error.code(), JSON, error.envelope().toJson());
    }

    private void sendBytes(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        sendHeaders(exchange, status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void drain(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The reply still goes out; the connection is not reused.
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidArgument("Invalid number: " + text);
        }
    }
}
