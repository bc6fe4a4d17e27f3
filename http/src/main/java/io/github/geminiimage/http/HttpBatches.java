package io.github.geminiimage.http;

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
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.domain.batch.BatchAwait;
import io.github.geminiimage.domain.batch.BatchResultReader;
import io.github.geminiimage.http.internal.calls.batches.BatchCalls;
import io.github.geminiimage.http.internal.calls.batches.BatchSpool;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.BatchProgress;
import io.github.geminiimage.port.UploadProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The {@link BatchPort} view of an {@link HttpGeminiClient} (Batch Mode, wire-format-2.md §2): its
 * exchanges run by the client's engine, file jobs and results files through the client's
 * {@link HttpFiles}. Thread-safe; {@link #close()} does nothing (close the client).
 *
 * <ul>
 *   <li><b>Submitting</b> reads the requests once into a temporary JSONL file, checking each (model,
 *       unique key) before any I/O; {@code AUTO} decides by its size. A file job uploads it and waits
 *       until it is {@code ACTIVE}; an inline job sends it as the create body. Temporary files are
 *       deleted before the submit ends. Async, the reading runs on a reader thread and the rest on
 *       the client's timers.</li>
 *   <li><b>Create is sent at most once</b> (the service makes a new job per create call): a failure,
 *       even a timeout after the body was sent, is reported, never repeated. Look the job up by
 *       display name ({@link #list()}) before submitting again.</li>
 *   <li><b>Results</b> are read lazily in input order: inline responses from the {@code batches.get}
 *       reply (not capped by {@link HttpOptions#maxResponseBytes()}: each response is capped by the
 *       line codec), a results file downloaded to a temporary file deleted when the stream closes.</li>
 *   <li><b>Waiting</b> polls as {@link BatchAwait} says, on the client's clock and sleeper.</li>
 * </ul>
 */
public final class HttpBatches implements BatchPort {

    private final HttpGeminiClient client;
    private final Endpoint endpoint;

    HttpBatches(HttpGeminiClient client) {
        this.client = client;
        this.endpoint = client.options.endpoint();
    }

    @Override
    public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        return Driver.await(submitOn(client.blocking, displayName, model, requests, options));
    }

    @Override
    public CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options) {
        try {
            return submitOn(client.async, displayName, model, requests, options);
        } catch (InvalidRequestException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<BatchJob> submitOn(Driver driver, String displayName, String model,
            Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
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
        if (client.engine.isClosed()) {
            return CompletableFuture.failedFuture(new TransportException("closed: this HttpGeminiClient was closed",
                    ErrorDetails.ofAttempts(0), null, false));
        }
        return driver.work(() -> BatchSpool.write(model, requests, client.codec)).thenCompose(spool -> {
            CompletableFuture<BatchJob> job;
            try {
                job = create(driver, displayName, model, spool, options);
            } catch (RuntimeException e) {
                job = CompletableFuture.failedFuture(e);
            }
            return job.whenComplete((created, failure) -> spool.close());
        });
    }

    private CompletableFuture<BatchJob> create(Driver driver, String displayName, String model, BatchSpool spool,
            BatchSubmitOptions options) {
        if (spool.mode(options) == BatchInputMode.INLINE) {
            return driver.call(BatchCalls.create(model, spool.inlineBody(displayName), endpoint));
        }
        String uploadName = displayName.length() > 490 ? displayName.substring(0, 490) : displayName;
        FileUpload input = FileUpload.fromFile(spool.file()).mimeType("application/jsonl")
                .displayName(uploadName + " (batch input)").build();
        return client.files().uploadOn(driver, input, UploadProgress.NONE)
                .thenCompose(file -> file.isActive() ? CompletableFuture.completedFuture(file)
                        : client.files().awaitOn(driver, file.name(), client.fileActiveTimeout))
                .thenCompose(file -> driver.call(BatchCalls.create(model, BatchCalls.fileInputBody(displayName,
                        file.name()), endpoint)));
    }

    @Override
    public BatchJob get(String name) {
        return client.engine.execute(BatchCalls.get(BatchJob.checkName(name), endpoint));
    }

    @Override
    public CompletableFuture<BatchJob> getAsync(String name) {
        return guarded(() -> client.engine.executeAsync(BatchCalls.get(BatchJob.checkName(name), endpoint)));
    }

    @Override
    public BatchPage listPage(int pageSize, Optional<String> pageToken) {
        return client.engine.execute(BatchCalls.list(checkPageSize(pageSize), Objects.requireNonNull(pageToken,
                "pageToken"), endpoint));
    }

    @Override
    public CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return guarded(() -> client.engine.executeAsync(BatchCalls.list(checkPageSize(pageSize),
                Objects.requireNonNull(pageToken, "pageToken"), endpoint)));
    }

    @Override
    public void cancel(String name) {
        client.engine.execute(BatchCalls.cancel(BatchJob.checkName(name), endpoint));
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String name) {
        return guarded(() -> client.engine.executeAsync(BatchCalls.cancel(BatchJob.checkName(name), endpoint)));
    }

    @Override
    public void delete(String name) {
        client.engine.execute(BatchCalls.delete(BatchJob.checkName(name), endpoint));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        return guarded(() -> client.engine.executeAsync(BatchCalls.delete(BatchJob.checkName(name), endpoint)));
    }

    @Override
    public BatchJob await(String name, Duration timeout, BatchProgress progress) {
        return Driver.await(awaitOn(client.blocking, name, timeout, progress));
    }

    @Override
    public CompletableFuture<BatchJob> awaitAsync(String name, Duration timeout, BatchProgress progress) {
        return guarded(() -> awaitOn(client.async, name, timeout, progress));
    }

    private CompletableFuture<BatchJob> awaitOn(Driver driver, String name, Duration timeout, BatchProgress progress) {
        String full = BatchJob.checkName(name);
        Objects.requireNonNull(progress, "progress");
        return BatchAwait.await(() -> driver.call(BatchCalls.get(full, endpoint)), client.engine.clock(), timeout,
                progress::onPoll, driver::delay);
    }

    @Override
    public Stream<BatchResult> results(String name) {
        String full = BatchJob.checkName(name);
        BatchCalls.Opened opened = client.engine.execute(BatchCalls.openResults(full, endpoint));
        if (opened instanceof BatchCalls.Inline inline) {
            return new BatchResultReader(inline.jsonl(), client.codec).stream();
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
        Path temp = null;
        try {
            temp = Files.createTempFile("gemini-batch-results-", ".jsonl");
            client.files().download(fileName, temp);
            InputStream in = Files.newInputStream(temp);
            Path created = temp;
            return new BatchResultReader(in, client.codec).stream().onClose(() -> deleteQuietly(created));
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                deleteQuietly(temp);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TransportException("could not write the batch results to a temporary file (" + e.getMessage() + ")",
                    ErrorDetails.ofAttempts(0), e, false);
        }
    }

    /** Does nothing: the view belongs to its client, which {@code HttpGeminiClient.close()} closes. */
    @Override
    public void close() {
        // The client owns the engine, threads and transport.
    }

    @Override
    public String toString() {
        return "HttpBatches[" + client + "]";
    }

    private static int checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > BatchPage.MAX_PAGE_SIZE) {
            throw new InvalidRequestException("pageSize", Integer.toString(pageSize), "1 to " + BatchPage.MAX_PAGE_SIZE);
        }
        return pageSize;
    }

    private static <T> CompletableFuture<T> guarded(java.util.function.Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is the operating system's to clean.
        }
    }
}
