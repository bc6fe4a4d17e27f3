package io.github.geminiimage.http;

import io.github.geminiimage.domain.batch.BatchAwait;
import io.github.geminiimage.domain.batch.BatchInputCheck;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.internal.calls.batches.BatchCalls;
import io.github.geminiimage.http.internal.calls.batches.BatchFlows;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.BatchProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link BatchPort} view of an {@link HttpGeminiClient} (Batch Mode, docs/wire-format.md,
 * "Batch Mode"): its exchanges and flows run by the client's engine and driver, file jobs and
 * results files through the client's {@link HttpFiles}. Thread-safe; {@link #close()} does nothing
 * (close the client). The create call is sent at most once, since each create makes a job: a
 * failure, even a timeout after the body was sent, is reported, never repeated.
 */
public final class HttpBatches implements BatchPort {

    private final HttpGeminiClient client;
    private final Endpoint endpoint;
    private final BatchFlows.FileStore files;

    HttpBatches(HttpGeminiClient client) {
        this.client = client;
        this.endpoint = client.options.endpoint();
        this.files = client.files().forBatches(client.fileActiveTimeout);
    }

    /**
     * Reads the requests once into a temporary JSONL file, each checked (model, unique key) before
     * any I/O; {@code AUTO} decides by its size. A file job uploads it and waits until it is
     * {@code ACTIVE}; an inline job sends it as the create body. The temporary files are deleted
     * when the submit ends; async, the reading runs on a reader thread, the rest on timers. After a
     * failed create, look the job up by display name ({@link #list()}) before submitting again.
     */
    @Override
    public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        return Driver.await(submitOn(client.blocking, displayName, model, requests, options));
    }

    @Override
    public CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options) {
        return guarded(() -> submitOn(client.async, displayName, model, requests, options));
    }

    private CompletableFuture<BatchJob> submitOn(Driver driver, String displayName, String model,
            Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        BatchInputCheck.checkSubmit(displayName, model, requests, options);
        if (client.engine.isClosed()) { // refused before the requests are read
            throw new TransportException("closed: this HttpGeminiClient was closed", ErrorDetails.ofAttempts(0), null, false);
        }
        return BatchFlows.submit(driver, endpoint, files, client.codec, displayName, model, requests, options);
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
        return client.engine.execute(BatchCalls.list(BatchPage.checkPageSize(pageSize), Objects.requireNonNull(pageToken,
                "pageToken"), endpoint));
    }

    @Override
    public CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return guarded(() -> client.engine.executeAsync(BatchCalls.list(BatchPage.checkPageSize(pageSize),
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

    /** Polls as {@link BatchAwait} says, on the client's clock and sleeper. */
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
                client.maxBatchPollInterval, progress::onPoll, driver::delay);
    }

    /**
     * Reads the results lazily in input order: inline from the {@code batches.get} reply (not capped
     * by {@link HttpOptions#maxResponseBytes()}; each response is capped by the line codec), or a
     * results file downloaded to a temporary file deleted when the stream closes.
     */
    @Override
    public Stream<BatchResult> results(String name) {
        return BatchFlows.results(client.engine, endpoint, files, client.codec, name);
    }

    /** The results with each response's images decoded straight into {@code folder}: never whole in the heap. */
    @Override
    public Stream<BatchResult> results(String name, Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return BatchFlows.results(client.engine, endpoint, files, client.codec.toFolder(folder), name);
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

    private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
