package io.github.geminiimage.http.batch;

import io.github.geminiimage.domain.BatchInputMode;
import io.github.geminiimage.domain.BatchJob;
import io.github.geminiimage.domain.BatchOutput;
import io.github.geminiimage.domain.BatchPage;
import io.github.geminiimage.domain.BatchResult;
import io.github.geminiimage.domain.BatchSubmitOptions;
import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.FileUpload;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.KeyedRequest;
import io.github.geminiimage.domain.StoredFile;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.domain.batch.BatchAwait;
import io.github.geminiimage.wire.batch.BatchResultReader;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.TransportSupport;
import io.github.geminiimage.http.internal.calls.batches.BatchCalls;
import io.github.geminiimage.http.internal.calls.batches.BatchSpool;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.BatchProgress;
import io.github.geminiimage.port.FilesPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link BatchPort} over HTTP, for every {@link HttpTransport}: Batch Mode of the Gemini API
 * (docs/wire-format.md, "Batch Mode") run by the same call engine as
 * {@link io.github.geminiimage.http.HttpImageGeneration} (credentials, retries, deadlines, error mapping), with a {@link FilesPort} for the JSONL input of file jobs and
 * for results files. Thread-safe: share one instance.
 *
 * <p>Behaviour worth knowing:
 * <ul>
 *   <li><b>Submitting</b> reads the requests once into a temporary JSONL file, checking each (model,
 *       unique key) before any I/O; that gives the size {@code AUTO} decides by and the length the
 *       upload needs, without holding the job in memory. A file job uploads that file through the
 *       {@link FilesPort} (waiting for it to be {@code ACTIVE}); an inline job sends it
 *       rewritten as the create body (under 20 MB). Temporary files are deleted before submit returns.</li>
 *   <li><b>Create is sent at most once.</b> The service makes a new job per create call, so the
 *       create call runs on an engine whose retry policy is {@link RetryPolicy#noRetries()}: a
 *       failure (even a timeout after the body was sent) is reported, never repeated. Look the job
 *       up by display name ({@link #list()}) before submitting again. Every other call retries per
 *       the options.</li>
 *   <li><b>Reading jobs</b> accepts {@code BATCH_STATE_*} and {@code JOB_STATE_*}, counts as strings
 *       or numbers (omitted = 0), and the output from {@code response} or {@code metadata.output};
 *       the operation is read value by value, inline images skipped, not held.</li>
 *   <li><b>Results</b> are read lazily in input order: inline responses straight from the
 *       {@code batches.get} reply (that one call is not capped by {@link HttpOptions#maxResponseBytes()},
 *       since it is decoded one response at a time, each capped by {@link BatchLineCodec}); a results
 *       file downloaded through the {@link FilesPort} to a temporary file, deleted when the stream closes.</li>
 *   <li><b>Waiting</b> polls as {@link BatchAwait} does, on the builder's clock and pause.</li>
 * </ul>
 */
public final class HttpBatches implements BatchPort {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Optional<FilesPort> files;
    private final boolean ownsFiles;
    private final Endpoint endpoint;
    private final CallEngine calls;
    private final CallEngine creates;
    private final CallEngine results;
    private final ExecutorService workers;
    private final Clock clock;
    private final BatchAwait.Pause pause;
    private final Duration maxPollInterval;
    private final BatchLineCodec codec;
    private final Duration fileActiveTimeout;
    private volatile boolean closed;

    private HttpBatches(Builder b) {
        this.files = Optional.ofNullable(b.files);
        this.ownsFiles = b.ownsFiles;
        this.endpoint = b.options.endpoint();
        this.clock = b.clock;
        this.pause = b.pause;
        this.maxPollInterval = b.maxPollInterval;
        this.codec = b.codec;
        this.fileActiveTimeout = b.fileActiveTimeout;
        Credentials credentials = b.credentials != null ? b.credentials : Credentials.apiKey(b.apiKey, b.options.authScheme());
        int id = INSTANCES.incrementAndGet();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                TransportSupport.daemonThreads("gemini-image-batches-" + id + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.workers = Executors.newCachedThreadPool(TransportSupport.daemonThreads("gemini-image-batches-" + id + "-worker"));
        Runnable shutdown = () -> {
            timer.shutdownNow();
            workers.shutdownNow();
        };
        CallEngine.Waiter sleeper = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
        this.calls = new CallEngine("HttpBatches", b.transport, credentials, b.options, b.ownsTransport, Clock.systemUTC(),
                sleeper, timer, workers, shutdown, () -> ThreadLocalRandom.current().nextDouble());
        this.creates = new CallEngine("HttpBatches", b.transport, credentials,
                b.options.toBuilder().retryPolicy(RetryPolicy.noRetries()).build(), false, Clock.systemUTC(), sleeper,
                timer, workers, () -> { }, () -> ThreadLocalRandom.current().nextDouble());
        this.results = new CallEngine("HttpBatches", b.transport, credentials,
                b.options.toBuilder().maxResponseBytes(Long.MAX_VALUE).build(), false, Clock.systemUTC(), sleeper,
                timer, workers, () -> { }, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The batch port over an adapter's builder: the same endpoint, credentials and options as its
     * {@code build()}, with a Files API port of its own ({@code buildFiles()}) for file jobs and
     * results files; closing the batch port closes both. For example
     * {@code HttpBatches.from(JdkHttpImageGeneration.builder().apiKey(key))}.
     *
     * @throws IllegalStateException if the builder was given neither an API key nor credentials
     */
    public static BatchPort from(HttpPortBuilder<?> adapter) {
        FilesPort files = adapter.buildFiles();
        return adapter.buildWith((transport, credentials, options) ->
                builder(transport, credentials).options(options).ownsTransport(true).files(files, true).build());
    }

    /** A builder over {@code transport} sending {@code apiKey} as {@link HttpOptions#authScheme()} says. */
    public static Builder builder(HttpTransport transport, ApiKey apiKey) {
        return new Builder(transport, Objects.requireNonNull(apiKey, "apiKey"), null);
    }

    /** A builder over {@code transport} with other credentials (access tokens). */
    public static Builder builder(HttpTransport transport, Credentials credentials) {
        return new Builder(transport, null, Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(options, "options");
        if (displayName.isBlank() || displayName.length() > 512) {
            throw new InvalidRequestException("displayName", displayName, "non-blank text of at most 512 characters");
        }
        if (model.isBlank()) {
            throw new InvalidRequestException("model", model, "a model id such as gemini-2.5-flash-image");
        }
        requireOpen();
        if (options.via() == BatchInputMode.FILE) {
            filesFor("a file job"); // refused before the requests are read
        }
        try (BatchSpool spool = BatchSpool.write(model, requests, codec)) {
            BatchInputMode via = spool.mode(options);
            if (via == BatchInputMode.INLINE) {
                return creates.execute(BatchCalls.create(model, spool.inlineBody(displayName), endpoint));
            }
            FilesPort store = filesFor("a file job (" + spool.lines() + " requests)");
            String uploadName = displayName.length() > 490 ? displayName.substring(0, 490) : displayName;
            StoredFile input = store.upload(FileUpload.fromFile(spool.file()).mimeType("application/jsonl")
                    .displayName(uploadName + " (batch input)").build());
            if (!input.isActive()) {
                input = store.awaitActive(input.name(), fileActiveTimeout);
            }
            return creates.execute(BatchCalls.create(model, BatchCalls.fileInputBody(displayName, input.name()), endpoint));
        }
    }

    @Override
    public CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options) {
        return async(() -> submit(displayName, model, requests, options));
    }

    @Override
    public BatchJob get(String name) {
        return calls.execute(BatchCalls.get(BatchJob.checkName(name), endpoint));
    }

    @Override
    public CompletableFuture<BatchJob> getAsync(String name) {
        try {
            return calls.executeAsync(BatchCalls.get(BatchJob.checkName(name), endpoint));
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public BatchPage listPage(int pageSize, Optional<String> pageToken) {
        checkPageSize(pageSize);
        return calls.execute(BatchCalls.list(pageSize, Objects.requireNonNull(pageToken, "pageToken"), endpoint));
    }

    @Override
    public CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken) {
        try {
            checkPageSize(pageSize);
            return calls.executeAsync(BatchCalls.list(pageSize, Objects.requireNonNull(pageToken, "pageToken"), endpoint));
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void cancel(String name) {
        calls.execute(BatchCalls.cancel(BatchJob.checkName(name), endpoint));
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String name) {
        try {
            return calls.executeAsync(BatchCalls.cancel(BatchJob.checkName(name), endpoint));
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void delete(String name) {
        calls.execute(BatchCalls.delete(BatchJob.checkName(name), endpoint));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        try {
            return calls.executeAsync(BatchCalls.delete(BatchJob.checkName(name), endpoint));
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public BatchJob await(String name, Duration timeout, BatchProgress progress) {
        String full = BatchJob.checkName(name);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(progress, "progress");
        return BatchAwait.await(() -> get(full), clock, pause, timeout, maxPollInterval, job -> {
            try {
                progress.onPoll(job);
            } catch (RuntimeException e) {
                // The contract: a progress callback's failure is ignored, the wait goes on.
            }
        });
    }

    @Override
    public CompletableFuture<BatchJob> awaitAsync(String name, Duration timeout, BatchProgress progress) {
        return async(() -> await(name, timeout, progress));
    }

    @Override
    public Stream<BatchResult> results(String name) {
        String full = BatchJob.checkName(name);
        BatchCalls.Opened opened = results.execute(BatchCalls.openResults(full, endpoint));
        if (opened instanceof BatchCalls.Inline inline) {
            return new BatchResultReader(inline.jsonl(), codec).stream();
        }
        BatchJob job = ((BatchCalls.Job) opened).job();
        if (job.output().orElse(null) instanceof BatchOutput.ResponsesFile file) {
            return fileResults(file.fileName());
        }
        throw new InvalidRequestException(full + " has no results: it is " + job.state()
                + (job.isDone() ? "" : "; wait until it ends (await)"), ErrorDetails.ofAttempts(1));
    }

    /** Downloads the results file to a temporary file, read line by line and deleted when the stream closes. */
    private Stream<BatchResult> fileResults(String fileName) {
        FilesPort store = filesFor("the results file " + fileName);
        Path temp;
        try {
            temp = Files.createTempFile("gemini-batch-results-", ".jsonl");
        } catch (IOException e) {
            throw new TransportException("could not create a temporary file for the batch results (" + e.getMessage() + ")",
                    ErrorDetails.ofAttempts(0), e, false);
        }
        InputStream in;
        try {
            store.download(fileName, temp);
            in = Files.newInputStream(temp);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
        return new BatchResultReader(in, codec).stream().onClose(() -> deleteQuietly(temp));
    }

    /** Fails calls in flight, stops the threads this port created, closes an owned transport and FilesPort. Idempotent. */
    @Override
    public void close() {
        closed = true;
        creates.close();
        results.close();
        calls.close();
        if (ownsFiles) {
            files.ifPresent(FilesPort::close);
        }
    }

    @Override
    public String toString() {
        return "HttpBatches[" + endpoint.baseUri() + ", files=" + files.map(f -> f.getClass().getSimpleName()).orElse("none")
                + (closed ? ", closed" : "") + "]";
    }

    private FilesPort filesFor(String what) {
        return files.orElseThrow(() -> new InvalidRequestException("files", what + " needs a Files API port "
                + "(HttpBatches.Builder.files), which this batch port was built without; a job under 20 MB can be "
                + "sent inline (BatchInputMode.INLINE, --via inline)", (Throwable) null));
    }

    private void requireOpen() {
        if (closed) {
            throw new TransportException("closed: this HttpBatches was closed", ErrorDetails.ofAttempts(0), null, false);
        }
    }

    private static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > BatchPage.MAX_PAGE_SIZE) {
            throw new InvalidRequestException("pageSize", Integer.toString(pageSize), "1 to " + BatchPage.MAX_PAGE_SIZE);
        }
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException("closed: this HttpBatches was closed",
                    ErrorDetails.ofAttempts(0), null, false));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            java.util.concurrent.Future<?> task = workers.submit(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            // Cancelling the future interrupts the work: a wait between polls or a call in flight ends at once.
            result.whenComplete((value, failure) -> {
                if (result.isCancelled()) {
                    task.cancel(true);
                }
            });
            return result;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TransportException("closed: this HttpBatches was closed",
                    ErrorDetails.ofAttempts(0), e, false));
        }
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the batch to end", ErrorDetails.ofAttempts(1), e, false);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is the operating system's to clean.
        }
    }

    /**
     * Builds an {@link HttpBatches}. The clock and pause are there so tests wait on a virtual clock;
     * production code leaves them alone. Not thread-safe.
     */
    public static final class Builder {
        private final HttpTransport transport;
        private final ApiKey apiKey;
        private final Credentials credentials;
        private HttpOptions options = HttpOptions.defaults();
        private boolean ownsTransport;
        private FilesPort files;
        private boolean ownsFiles;
        private Clock clock = Clock.systemUTC();
        private BatchAwait.Pause pause = HttpBatches::sleep;
        private Duration maxPollInterval = BatchAwait.MAX_INTERVAL;
        private BatchLineCodec codec = BatchLineCodec.create();
        private Duration fileActiveTimeout = Duration.ofMinutes(10);

        private Builder(HttpTransport transport, ApiKey apiKey, Credentials credentials) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.apiKey = apiKey;
            this.credentials = credentials;
        }

        /** The options (default {@link HttpOptions#defaults()}). */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Whether {@link HttpBatches#close()} also closes the transport (default false). */
        public Builder ownsTransport(boolean owns) {
            this.ownsTransport = owns;
            return this;
        }

        /**
         * The Files API port that uploads file jobs' input and downloads results files (any
         * {@link FilesPort}; without one, only inline jobs with inline results work).
         *
         * @param owns whether {@link HttpBatches#close()} closes it too
         */
        public Builder files(FilesPort files, boolean owns) {
            this.files = Objects.requireNonNull(files, "files");
            this.ownsFiles = owns;
            return this;
        }

        /** The clock {@link HttpBatches#await} measures its timeout on (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The longest wait of {@link HttpBatches#await} between polls, the first wait included (default
         * {@link BatchAwait#MAX_INTERVAL}). Tests on a real clock shorten it; a wait on a virtual clock
         * may lengthen it to poll less often.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maxPollInterval(Duration interval) {
            this.maxPollInterval = BatchAwait.checkInterval(interval);
            return this;
        }

        /** How {@link HttpBatches#await} waits between polls (default: sleeping). */
        public Builder pause(BatchAwait.Pause pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /** The codec of batch lines (default {@link BatchLineCodec#create()}; its cap limits one response). */
        public Builder codec(BatchLineCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** How long a submit waits for an uploaded input file to become {@code ACTIVE} (default 10 minutes). */
        public Builder fileActiveTimeout(Duration timeout) {
            this.fileActiveTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Builds the port. */
        public HttpBatches build() {
            return new HttpBatches(this);
        }
    }
}
