package io.github.geminiimage.http.internal.cassette;

import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.support.BlockInputStream;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records exchanges to a cassette folder and replays them from it. Each request's body is spooled
 * (on a worker thread, never the caller's), stored as the cassette would store it and matched
 * against the unused recordings in recorded order; a match is replayed, a miss is recorded through
 * the network transport when recording is on, else it fails with the mismatch the caller's factory
 * turns into an exception. Thread-safe.
 */
public final class CassetteCore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CassetteCore.class.getName());
    private static final String UPLOAD_URL = "x-goog-upload-url";
    /** Google sends the session URL twice; the second copy carries the same upload id and is stored the same way. */
    private static final String UPLOAD_CONTROL_URL = "x-goog-upload-control-url";
    /** The most a recording reads past where its caller stopped, to keep the body whole. */
    private static final long MAX_DRAIN_BYTES = 32L * 1024 * 1024;

    /**
     * How a cassette behaves.
     *
     * @param replay whether recordings are replayed
     * @param record whether requests no recording matches are recorded (sent through the network)
     * @param payloadFields JSON member names whose long base64 values are stored out of line
     * @param minPayloadChars the shortest base64 value stored out of line
     * @param volatileFields JSON member names (anywhere) or pointers (from the root) matching ignores
     * @param matchedHeaders lower-case names of the request headers matching compares
     * @param secretHeaders lower-case names of headers whose values are always redacted
     * @param secretParameters lower-case names of query parameters whose values are always redacted
     */
    public record Settings(boolean replay, boolean record, Set<String> payloadFields, int minPayloadChars,
            Set<String> volatileFields, Set<String> matchedHeaders, Set<String> secretHeaders, Set<String> secretParameters) {
        /** Copies the sets. */
        public Settings {
            payloadFields = Set.copyOf(payloadFields);
            volatileFields = Set.copyOf(volatileFields);
            matchedHeaders = Set.copyOf(matchedHeaders);
            secretHeaders = Set.copyOf(secretHeaders);
            secretParameters = Set.copyOf(secretParameters);
        }
    }

    /**
     * A request no recording matches.
     *
     * @param cassette the folder
     * @param request the request, {@code METHOD path?query} without secrets
     * @param closest the closest recording's document name, if the cassette holds any
     * @param differences how the closest differs
     * @param message the whole explanation
     */
    public record Mismatch(Path cassette, String request, Optional<String> closest, List<String> differences,
            String message) {
    }

    private static final class Loaded {
        final CassetteFolder.Entry entry;
        final RequestKey key;
        final StoredBody replyBody;
        boolean used;

        Loaded(CassetteFolder.Entry entry, RequestKey key, StoredBody replyBody) {
            this.entry = entry;
            this.key = key;
            this.replyBody = replyBody;
        }
    }

    private record Prepared(Documents.Request request, RequestKey key) {
    }

    private final CassetteFolder folder;
    private final Settings settings;
    private final Supplier<? extends HttpTransport> network;
    private final Function<Mismatch, RuntimeException> mismatches;
    private final Secrets secrets;
    private final BodyScanner scanner;
    private final List<Loaded> recordings = new ArrayList<>();
    private final AtomicInteger nextNumber;
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final ThreadPoolExecutor workers = TransportSupport.boundedPool("gemini-cassette", 4, 30);
    private HttpTransport networkTransport;
    private boolean closed;

    private CassetteCore(CassetteFolder folder, Settings settings, Supplier<? extends HttpTransport> network,
            Function<Mismatch, RuntimeException> mismatches, List<CassetteFolder.Entry> entries) {
        this.folder = folder;
        this.settings = settings;
        this.network = network;
        this.mismatches = mismatches;
        this.scanner = new BodyScanner(settings.payloadFields(), settings.minPayloadChars());
        int sessions = 0;
        int highest = 0;
        for (CassetteFolder.Entry entry : entries) {
            highest = Math.max(highest, entry.number());
            sessions = Math.max(sessions, highestSession(entry.exchange()));
        }
        this.secrets = new Secrets(settings.secretHeaders(), settings.secretParameters(), sessions);
        for (CassetteFolder.Entry entry : entries) {
            Documents.Request request = entry.exchange().request();
            StoredBody body = StoredBody.fromDocument(request.body(), entry.name() + ": request.body");
            folder.requirePayloads(body, entry.name());
            StoredBody reply = entry.exchange().response() == null ? new StoredBody.Empty()
                    : StoredBody.fromDocument(entry.exchange().response().body(), entry.name() + ": response.body");
            folder.requirePayloads(reply, entry.name());
            recordings.add(new Loaded(entry, RequestKey.of(request, body, secrets, settings.matchedHeaders()), reply));
        }
        this.nextNumber = new AtomicInteger(highest + 1);
    }

    /**
     * Opens the cassette in {@code folder}. When recording without replaying, the folder's earlier
     * documents and payloads are deleted first; when replaying, they are read and checked.
     *
     * @param network the transport misses are recorded through, made when first needed; never
     *     called when {@code settings.record()} is false
     * @param mismatches makes the exception for a request no recording matches
     * @throws IllegalStateException if replaying and the folder is missing or a document is invalid
     * @throws UncheckedIOException if the folder cannot be read or created
     */
    public static CassetteCore open(Path folder, Settings settings, Supplier<? extends HttpTransport> network,
            Function<Mismatch, RuntimeException> mismatches) {
        CassetteFolder cassette = new CassetteFolder(folder);
        try {
            if (settings.record()) {
                Files.createDirectories(folder);
            } else if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("the cassette folder " + folder.toAbsolutePath()
                        + " does not exist: record it first (mode record or record-missing)");
            }
            if (settings.record() && !settings.replay()) {
                cassette.clear();
            }
            List<CassetteFolder.Entry> entries = settings.replay() ? cassette.load() : List.of();
            return new CassetteCore(cassette, settings, network, mismatches, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("the cassette folder " + folder.toAbsolutePath() + " cannot be used", e);
        }
    }

    /** The cassette folder. */
    public Path folder() {
        return folder.path();
    }

    /** How many exchanges were recorded so far. */
    public int recorded() {
        return recorded.get();
    }

    /** How many exchanges were replayed so far. */
    public int replayed() {
        return replayed.get();
    }

    /** The document names of the recordings not replayed yet, in order. */
    public synchronized List<String> unused() {
        return recordings.stream().filter(r -> !r.used).map(r -> r.entry.name()).toList();
    }

    /** Replays, records, or fails with the mismatch; see the class comment. */
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<HttpResponse>> inner = new AtomicReference<>();
        try {
            workers.execute(() -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    CompletableFuture<HttpResponse> exchange = dispatch(request, prepare(request));
                    inner.set(exchange);
                    exchange.whenComplete((response, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(TransportSupport.unwrap(failure));
                        } else if (!result.complete(response)) {
                            response.close();
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IOException("the cassette transport was closed"));
        }
        result.whenComplete((response, failure) -> {
            if (result.isCancelled() && inner.get() != null) {
                inner.get().cancel(true);
            }
        });
        return result;
    }

    private Prepared prepare(HttpRequest request) throws IOException {
        secrets.learn(request);
        StoredBody body = new StoredBody.Empty();
        if (request.body().isPresent()) {
            Path spool = settings.record() ? folder.spool() : Files.createTempFile("gemini-cassette-", ".tmp");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024)) {
                    RequestBody.writeExactly(request.body().get(), out);
                }
                body = scanner.store(spool, settings.record() ? folder.payloads() : BodyScanner.hashOnly(), secrets::text);
            } finally {
                Files.deleteIfExists(spool);
            }
        }
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(Documents.header(header.getKey(),
                    secrets.isSecretHeader(request, header.getKey()) ? Secrets.REDACTED : secrets.text(header.getValue())));
        }
        URI uri = request.uri();
        List<String> query = secrets.query(uri.getRawQuery());
        Documents.Request doc = new Documents.Request(request.method(), uri.getRawPath() == null ? "/" : uri.getRawPath(),
                query.isEmpty() ? null : query, headers, body.toDocument());
        return new Prepared(doc, RequestKey.of(doc, body, secrets, settings.matchedHeaders()));
    }

    private CompletableFuture<HttpResponse> dispatch(HttpRequest request, Prepared prepared) {
        if (settings.replay()) {
            Loaded match = take(prepared.key());
            if (match != null) {
                replayed.incrementAndGet();
                Documents.Exchange exchange = match.entry.exchange();
                if (exchange.response() == null) {
                    return CompletableFuture.failedFuture(Failures.replay(exchange.failure() == null
                            ? new Documents.Failure(IOException.class.getName(), "no response was recorded")
                            : exchange.failure()));
                }
                return CompletableFuture.completedFuture(new ReplayResponse(request, exchange.response(), match.replyBody));
            }
        }
        if (!settings.record()) {
            throw mismatches.apply(mismatch(prepared.key()));
        }
        return record(request, prepared);
    }

    private synchronized Loaded take(RequestKey key) {
        for (Loaded loaded : recordings) {
            if (!loaded.used && key.matches(loaded.key, settings.volatileFields())) {
                loaded.used = true;
                return loaded;
            }
        }
        return null;
    }

    private synchronized Mismatch mismatch(RequestKey key) {
        Path where = folder.path().toAbsolutePath();
        if (recordings.isEmpty()) {
            String message = "no recording in cassette " + where + " matches " + key.describe()
                    + ": the cassette holds no recordings (replay mode makes no network call; record it first)";
            return new Mismatch(where, key.describe(), Optional.empty(), List.of(), message);
        }
        Loaded closest = null;
        List<String> closestDifferences = List.of();
        int best = Integer.MAX_VALUE;
        for (Loaded loaded : recordings) {
            List<String> differences = key.differences(loaded.key, settings.volatileFields());
            // An unused recording is the better hint at equal distance.
            int distance = key.distance(loaded.key, differences) * 2 + (loaded.used ? 1 : 0);
            if (distance < best) {
                best = distance;
                closest = loaded;
                closestDifferences = differences;
            }
        }
        String why = closestDifferences.isEmpty()
                ? "it matches exactly, but every recording of this request was already replayed (" + count(key)
                        + " recorded)"
                : "it differs in " + String.join("; ", closestDifferences);
        String message = "no recording in cassette " + where + " matches " + key.describe() + "; the closest is "
                + closest.entry.name() + ": " + why + " (replay mode makes no network call)";
        return new Mismatch(where, key.describe(), Optional.of(closest.entry.name()), closestDifferences, message);
    }

    private int count(RequestKey key) {
        int n = 0;
        for (Loaded loaded : recordings) {
            if (key.matches(loaded.key, settings.volatileFields())) {
                n++;
            }
        }
        return n;
    }

    private CompletableFuture<HttpResponse> record(HttpRequest request, Prepared prepared) {
        int number = nextNumber.getAndIncrement();
        String name = CassetteFolder.documentName(number, request.method(), prepared.request().path());
        return network().sendAsync(request).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = TransportSupport.unwrap(failure);
                if (cause instanceof IOException io) {
                    writeQuietly(name, new Documents.Exchange(Documents.FORMAT, prepared.request(), null,
                            Failures.record(io, secrets::text)));
                }
                throw failure instanceof CompletionException c ? c : new CompletionException(cause);
            }
            return new RecordingResponse(response, name, prepared.request(), replyHeaders(response));
        });
    }

    private synchronized HttpTransport network() {
        if (closed) {
            throw new IllegalStateException("the cassette transport was closed");
        }
        if (networkTransport == null) {
            networkTransport = network.get();
        }
        return networkTransport;
    }

    private List<String> replyHeaders(HttpResponse response) {
        Map<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            if (header.getKey() == null) {
                continue;
            }
            sorted.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.getValue());
        }
        List<String> out = new ArrayList<>();
        sorted.forEach((name, values) -> {
            for (String value : values) {
                String stored = name.equals(UPLOAD_URL) || name.equals(UPLOAD_CONTROL_URL) ? secrets.url(value)
                        : settings.secretHeaders().contains(name) ? Secrets.REDACTED : secrets.text(value);
                out.add(Documents.header(name, stored));
            }
        });
        return out;
    }

    private void write(String name, Documents.Exchange exchange) throws IOException {
        folder.write(name, exchange);
        recorded.incrementAndGet();
    }

    private void writeQuietly(String name, Documents.Exchange exchange) {
        try {
            write(name, exchange);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the cassette document " + name + ": " + e);
        }
    }

    /** Stops the workers and closes the network transport, if one was made. Idempotent. */
    @Override
    public void close() {
        HttpTransport transport;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            transport = networkTransport;
        }
        workers.shutdown();
        if (transport != null) {
            transport.close();
        }
    }

    private static int highestSession(Documents.Exchange exchange) {
        int highest = 0;
        for (String pair : exchange.request().query() == null ? List.<String>of() : exchange.request().query()) {
            highest = Math.max(highest, Secrets.highestSession(pair));
        }
        if (exchange.response() != null && exchange.response().headers() != null) {
            for (String header : exchange.response().headers()) {
                highest = Math.max(highest, Secrets.highestSession(header));
            }
        }
        return highest;
    }

    /** A replayed response: the recorded status, headers and body, the upload URL pointed at the request's host. */
    private final class ReplayResponse implements HttpResponse {
        private final int status;
        private final Map<String, List<String>> headers;
        private final ReplayStream body;

        ReplayResponse(HttpRequest request, Documents.Response recorded, StoredBody replyBody) {
            this.status = recorded.status();
            Map<String, List<String>> map = new LinkedHashMap<>();
            for (String header : recorded.headers() == null ? List.<String>of() : recorded.headers()) {
                String name = Documents.headerName(header);
                String value = Documents.headerValue(header);
                if (name.equalsIgnoreCase("content-length")) {
                    value = Long.toString(replyBody.bytes());
                } else if (name.equalsIgnoreCase(UPLOAD_URL) || name.equalsIgnoreCase(UPLOAD_CONTROL_URL)) {
                    value = sameHost(value, request.uri());
                }
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            this.headers = java.util.Collections.unmodifiableMap(map);
            this.body = new ReplayStream(folder.path(), replyBody, Optional.ofNullable(recorded.failure()));
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> headers() {
            return headers;
        }

        @Override
        public java.io.InputStream body() {
            return body;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // Only closes payload files being read.
            }
        }
    }

    /** {@code url} with the scheme and authority of {@code request}: the upload goes on where it started. */
    private static String sameHost(String url, URI request) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int path = url.indexOf('/', scheme + 3);
        return request.getScheme() + "://" + request.getRawAuthority() + (path < 0 ? "" : url.substring(path));
    }

    /** A live response whose body is copied to a spool as the caller reads it, then stored. */
    private final class RecordingResponse implements HttpResponse {
        private final HttpResponse delegate;
        private final String name;
        private final Documents.Request request;
        private final List<String> headers;
        private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        private Path spool;
        private OutputStream copy;
        private java.io.InputStream body;

        RecordingResponse(HttpResponse delegate, String name, Documents.Request request, List<String> headers) {
            this.delegate = delegate;
            this.name = name;
            this.request = request;
            this.headers = headers;
            try {
                this.spool = folder.spool();
                this.copy = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
            } catch (IOException e) {
                delegate.close();
                throw new UncheckedIOException("could not spool a reply into the cassette folder " + folder.path(), e);
            }
        }

        @Override
        public int statusCode() {
            return delegate.statusCode();
        }

        @Override
        public Map<String, List<String>> headers() {
            return delegate.headers();
        }

        @Override
        public synchronized java.io.InputStream body() {
            if (body == null) {
                body = new Tee(delegate.body());
            }
            return body;
        }

        @Override
        public void close() {
            try {
                drainIfCheap();
                finish(false, null);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not write the cassette document " + name + ": " + e);
            } finally {
                delegate.close();
            }
        }

        /**
         * Reads the rest of a body the caller stopped reading, so that the cassette holds it whole
         * (a reader that stops once it has what it needs would otherwise leave a cut-off document):
         * only on the thread that read it and not during a read (never when another thread closes to
         * abort), and only when the declared length says little is left (a stream without a length
         * may never end).
         */
        private void drainIfCheap() {
            if (finished.get()) {
                return;
            }
            Tee tee = (Tee) body();
            Thread owner = tee.owner;
            long declared = delegate.contentLength().orElse(-1);
            boolean mine = owner == Thread.currentThread() || owner == null && declared == 0;
            if (!mine || tee.reading || declared < 0 || declared - tee.count > MAX_DRAIN_BYTES) {
                return;
            }
            byte[] buffer = new byte[8192];
            try {
                while (tee.read(buffer, 0, buffer.length) >= 0) {
                    // the tee copies and, at the end, stores the exchange
                }
            } catch (IOException e) {
                // The caller was done with it: what was read stays recorded, marked incomplete.
            }
        }

        void finish(boolean complete, IOException failure) throws IOException {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                copy.close();
                StoredBody stored = scanner.store(spool, folder.payloads(), secrets::text);
                Documents.Response response = new Documents.Response(delegate.statusCode(), headers, stored.toDocument(),
                        complete ? null : Boolean.FALSE, failure == null ? null : Failures.record(failure, secrets::text));
                write(name, new Documents.Exchange(Documents.FORMAT, request, response, null));
            } finally {
                Files.deleteIfExists(spool);
            }
        }

        /** Copies what the caller reads; the end of the body, or a failure reading it, stores the exchange. */
        private final class Tee extends BlockInputStream.Filter {
            private volatile Thread owner;
            private volatile boolean reading;
            private long count;

            Tee(java.io.InputStream in) {
                super(in);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                owner = Thread.currentThread();
                reading = true;
                try {
                    n = in.read(b, off, len);
                } catch (IOException e) {
                    try {
                        finish(false, e);
                    } catch (IOException notWritten) {
                        e.addSuppressed(notWritten);
                    }
                    throw e;
                } finally {
                    reading = false;
                }
                if (n < 0) {
                    finish(true, null);
                } else if (n > 0 && !finished.get()) {
                    copy.write(b, off, n);
                    count += n;
                }
                return n;
            }
        }
    }
}
