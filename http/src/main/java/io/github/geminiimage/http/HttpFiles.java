package io.github.geminiimage.http;

import io.github.geminiimage.domain.FilePage;
import io.github.geminiimage.domain.FileUpload;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.StoredFile;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.files.ActivePoller;
import io.github.geminiimage.http.internal.files.Downloads;
import io.github.geminiimage.http.internal.files.Driver;
import io.github.geminiimage.http.internal.files.FileExchanges;
import io.github.geminiimage.http.internal.files.ResumableUpload;
import io.github.geminiimage.http.internal.retry.RetryDecider;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.UploadProgress;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The {@link FilesPort} over HTTP (the Gemini API's Files API, docs/wire-format.md, "Files"), written once
 * for every {@link HttpTransport} on the same call engine as {@link HttpImageGeneration}: the same
 * credentials, options, error mapping, retries, deadline, observer and redaction. Thread-safe: share
 * one instance. The adapters build one with their {@code buildFiles()}.
 *
 * <ul>
 *   <li><b>Uploads</b> use the resumable protocol: start, then chunks of {@link Builder#chunkSize}
 *       (8 MiB, rounded to the server's {@code x-goog-upload-chunk-granularity}) streamed from the
 *       file through a 64 KiB buffer, {@code upload, finalize} on the last. The session URL is
 *       rewritten to the configured base (as the SDKs do) and refused if it names a host other than
 *       the base or the Files API's own. It is a secret: never in an exception, a log line or a
 *       {@code toString}.</li>
 *   <li><b>Resuming.</b> A chunk is sent once by the engine. When it fails in a way the
 *       {@link RetryPolicy} retries (a break, a timeout, a retryable status), the upload asks the
 *       server how much it holds ({@code query}) and continues from there, after the policy's
 *       backoff, at most {@code maxAttempts} failures in a row without progress, and within one
 *       {@link HttpOptions#overallDeadline()} of the first of them. Each request (start, chunk, query)
 *       has its own overall deadline, so a 2 GB upload is not bounded by one. A stream upload cannot
 *       be read again: it resumes only when the server holds exactly what was read, else it fails
 *       saying so. The SHA-256 computed while reading must match the stored file's (in its
 *       hex-in-base64 form); a mismatch deletes the file and fails. A file that changes size fails.</li>
 *   <li><b>Downloads</b> use {@code files/{id}:download?alt=media} (and Google's
 *       {@code /download/...} media path on a 404), streamed without the reply cap; a download to a
 *       path goes to a temporary file in the same directory, moved over the target on success.</li>
 *   <li><b>{@link #awaitActive}</b> polls {@code files.get} (first after {@link Builder#pollInterval},
 *       growing by half each time up to 5 s), the last poll at the timeout.</li>
 *   <li><b>Async</b> calls never block the caller nor sleep on a thread: waits are timers.</li>
 *   <li><b>Vertex AI</b> has no Files API: on {@link Endpoint#vertex} every call fails at once with
 *       an {@link InvalidRequestException} (reference {@code gs://} objects instead).</li>
 * </ul>
 */
public final class HttpFiles implements FilesPort {

    /** The chunk size the SDKs use: 8 MiB. */
    public static final long DEFAULT_CHUNK_SIZE = 8L * 1024 * 1024;
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpTransport transport;
    private final HttpOptions options;
    private final Credentials credentials;
    private final Endpoint endpoint;
    private final CallEngine engine;
    private final CallEngine chunkEngine;
    private final Driver blocking;
    private final Driver async;
    private final RetryDecider decider;
    private final long chunkSize;
    private final Duration pollInterval;

    private HttpFiles(Builder b) {
        this.transport = b.transport;
        this.options = b.options;
        this.endpoint = options.endpoint();
        this.credentials = b.credentials != null ? b.credentials : Credentials.apiKey(b.apiKey, options.authScheme());
        Random random = b.random;
        DoubleSupplier jitter = random == null ? () -> ThreadLocalRandom.current().nextDouble() : random::nextDouble;
        ScheduledExecutorService timer;
        Executor readers;
        Runnable shutdown;
        if (b.executor != null) {
            timer = b.executor;
            readers = b.executor;
            shutdown = () -> { };
        } else {
            int id = INSTANCES.incrementAndGet();
            ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1,
                    TransportSupport.daemonThreads("gemini-image-files-" + id + "-timer"));
            timerPool.setRemoveOnCancelPolicy(true);
            ThreadPoolExecutor readerPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), TransportSupport.daemonThreads("gemini-image-files-" + id + "-reader"));
            timer = timerPool;
            readers = readerPool;
            List<ExecutorService> owned = List.of(timerPool, readerPool);
            shutdown = () -> owned.forEach(ExecutorService::shutdownNow);
        }
        HttpImageGeneration.Sleeper sleeper = b.sleeper;
        this.engine = new CallEngine("HttpFiles", transport, credentials, options, b.ownsTransport, b.clock,
                sleeper::sleep, timer, readers, shutdown, jitter);
        // Chunks: one attempt each, the resume loop decides what follows (same transport and threads).
        HttpOptions once = options.toBuilder().retryPolicy(options.retryPolicy().withMaxAttempts(1)).build();
        this.chunkEngine = new CallEngine("HttpFiles", transport, credentials, once, false, b.clock, sleeper::sleep,
                timer, readers, () -> { }, jitter);
        this.blocking = Driver.blocking(engine, chunkEngine, b.clock, sleeper::sleep);
        this.async = Driver.async(engine, chunkEngine, b.clock, timer);
        this.decider = new RetryDecider(options.retryPolicy(), jitter);
        this.chunkSize = b.chunkSize;
        this.pollInterval = b.pollInterval;
    }

    /** A builder over {@code transport} with an API key and the default options; the transport is not owned unless said. */
    public static Builder builder(HttpTransport transport, ApiKey apiKey) {
        return new Builder(transport, Objects.requireNonNull(apiKey, "apiKey"), null);
    }

    /** A builder over {@code transport} with other credentials ({@link HttpOptions#authScheme()} is then ignored). */
    public static Builder builder(HttpTransport transport, Credentials credentials) {
        return new Builder(transport, null, Objects.requireNonNull(credentials, "credentials"));
    }

    /** The options in use. */
    public HttpOptions options() {
        return options;
    }

    @Override
    public StoredFile upload(FileUpload upload, UploadProgress progress) {
        return Driver.await(uploadOn(blocking, upload, progress));
    }

    @Override
    public CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
        return uploadOn(async, upload, progress);
    }

    private CompletableFuture<StoredFile> uploadOn(Driver driver, FileUpload upload, UploadProgress progress) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(progress, "progress");
        return guarded(() -> ResumableUpload.run(driver, endpoint, upload, progress, decider, options.overallDeadline(),
                chunkSize));
    }

    @Override
    public StoredFile get(String name) {
        return Driver.await(getOn(blocking, name));
    }

    @Override
    public CompletableFuture<StoredFile> getAsync(String name) {
        return getOn(async, name);
    }

    private CompletableFuture<StoredFile> getOn(Driver driver, String name) {
        StoredFile.checkName(name);
        return guarded(() -> driver == blocking ? completed(() -> engine.execute(FileExchanges.get(endpoint, name)))
                : engine.executeAsync(FileExchanges.get(endpoint, name)));
    }

    @Override
    public FilePage listPage(int pageSize, Optional<String> pageToken) {
        checkList(pageSize, pageToken);
        return Driver.await(guarded(() -> completed(() -> engine.execute(FileExchanges.list(endpoint, pageSize, pageToken)))));
    }

    @Override
    public CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken) {
        checkList(pageSize, pageToken);
        return guarded(() -> engine.executeAsync(FileExchanges.list(endpoint, pageSize, pageToken)));
    }

    private static void checkList(int pageSize, Optional<String> pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        if (pageSize < 1 || pageSize > FilePage.MAX_PAGE_SIZE) {
            throw new InvalidRequestException("pageSize", Integer.toString(pageSize), "1 to " + FilePage.MAX_PAGE_SIZE);
        }
    }

    @Override
    public void delete(String name) {
        StoredFile.checkName(name);
        Driver.await(guarded(() -> completed(() -> engine.execute(FileExchanges.delete(endpoint, name)))));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        StoredFile.checkName(name);
        return guarded(() -> engine.executeAsync(FileExchanges.delete(endpoint, name)));
    }

    @Override
    public StoredFile awaitActive(String name, Duration timeout) {
        return Driver.await(awaitOn(blocking, name, timeout));
    }

    @Override
    public CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout) {
        return awaitOn(async, name, timeout);
    }

    private CompletableFuture<StoredFile> awaitOn(Driver driver, String name, Duration timeout) {
        StoredFile.checkName(name);
        Objects.requireNonNull(timeout, "timeout");
        return guarded(() -> ActivePoller.await(driver, endpoint, name, timeout, pollInterval, MAX_POLL_INTERVAL));
    }

    @Override
    public long download(String name, Path target) {
        return Driver.await(downloadOn(blocking, name, target));
    }

    @Override
    public long download(String name, OutputStream out) {
        StoredFile.checkName(name);
        Objects.requireNonNull(out, "out");
        return Driver.await(guarded(() -> Downloads.toStream(blocking, endpoint, name, out)));
    }

    @Override
    public CompletableFuture<Long> downloadAsync(String name, Path target) {
        return downloadOn(async, name, target);
    }

    private CompletableFuture<Long> downloadOn(Driver driver, String name, Path target) {
        StoredFile.checkName(name);
        Objects.requireNonNull(target, "target");
        return guarded(() -> Downloads.toPath(driver, endpoint, name, target));
    }

    /** Refuses every call on Vertex AI before any I/O; otherwise runs it. */
    private <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> call) {
        if (endpoint.isVertex()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("endpoint", "Vertex AI has no Files API: "
                    + "reference Cloud Storage objects instead, e.g. ImageInput.ofUri(URI.create(\"gs://bucket/photo.png\"), "
                    + "MediaType.PNG)", (Throwable) null));
        }
        return call.get();
    }

    private static <T> CompletableFuture<T> completed(Supplier<T> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Fails calls in flight, stops the threads this port created and closes an owned transport. Idempotent. */
    @Override
    public void close() {
        chunkEngine.close();
        engine.close();
    }

    @Override
    public String toString() {
        return "HttpFiles[" + endpoint + ", auth=" + credentials.scheme().map(Object::toString).orElse("access tokens")
                + ", transport=" + transport.getClass().getSimpleName() + (engine.isClosed() ? ", closed" : "") + "]";
    }

    /**
     * Builds an {@link HttpFiles}. The time source, sleeper, random source and scheduler are there so
     * tests run without wall time; production code leaves them alone. Not thread-safe.
     */
    public static final class Builder {
        private final HttpTransport transport;
        private final ApiKey apiKey;
        private final Credentials credentials;
        private HttpOptions options = HttpOptions.defaults();
        private boolean ownsTransport;
        private Clock clock = Clock.systemUTC();
        private HttpImageGeneration.Sleeper sleeper = HttpImageGeneration.Sleeper.SYSTEM;
        private Random random;
        private ScheduledExecutorService executor;
        private long chunkSize = DEFAULT_CHUNK_SIZE;
        private Duration pollInterval = Duration.ofSeconds(1);

        private Builder(HttpTransport transport, ApiKey apiKey, Credentials credentials) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.apiKey = apiKey;
            this.credentials = credentials;
        }

        /** The options (default {@link HttpOptions#defaults()}): endpoint, timeouts, retries, observer. */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Whether {@link HttpFiles#close()} also closes the transport (default false). */
        public Builder ownsTransport(boolean owns) {
            this.ownsTransport = owns;
            return this;
        }

        /** The time source of deadlines (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How blocking calls wait between attempts and polls (default sleeping). */
        public Builder sleeper(HttpImageGeneration.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The random source of the backoff jitter. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** A scheduler lent for async calls (timers and reading replies); not shut down by close. */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The upload chunk size wanted (default 8 MiB), rounded down to a multiple of the server's
         * granularity and at least one granule. Memory does not depend on it: chunks are streamed.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder chunkSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunkSize must be positive; got " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * The wait after {@link HttpFiles#awaitActive}'s first poll (default 1 s); later waits grow
         * by half, up to 5 s.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder pollInterval(Duration interval) {
            Objects.requireNonNull(interval, "pollInterval");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("pollInterval must be positive; got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** Builds the port. */
        public HttpFiles build() {
            return new HttpFiles(this);
        }
    }
}
