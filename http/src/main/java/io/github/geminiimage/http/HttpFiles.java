package io.github.geminiimage.http;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.http.internal.calls.batches.BatchFlows;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.http.internal.files.Downloads;
import io.github.geminiimage.http.internal.files.FileExchanges;
import io.github.geminiimage.http.internal.files.ResumableUpload;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.UploadProgress;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@link FilesPort} view of an {@link HttpGeminiClient} (the Files API, docs/wire-format.md,
 * "Files"): each operation is its exchanges, run by the client's engine and driver, blocking or
 * async. Thread-safe; {@link #close()} does nothing (close the client). Vertex AI has no Files API:
 * there every call fails at once with an {@link InvalidRequestException}.
 */
public final class HttpFiles implements FilesPort {

    private final HttpGeminiClient client;
    private final Endpoint endpoint;

    HttpFiles(HttpGeminiClient client) {
        this.client = client;
        this.endpoint = client.options.endpoint();
    }

    /**
     * Uploads resumably: chunks of {@link HttpGeminiClient.Builder#chunkSize} streamed from the
     * content, each sent once; a chunk that fails as the {@link RetryPolicy} would retry is resumed
     * from what the server holds (within the policy and one overall deadline). The session URL is a
     * secret and only goes to the base's or the Files API's host. The stored file's size and SHA-256
     * must match what was read, or it is deleted and the upload fails.
     */
    @Override
    public StoredFile upload(FileUpload upload, UploadProgress progress) {
        return Driver.await(uploadOn(client.blocking, upload, progress));
    }

    @Override
    public CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
        return uploadOn(client.async, upload, progress);
    }

    CompletableFuture<StoredFile> uploadOn(Driver driver, FileUpload upload, UploadProgress progress) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(progress, "progress");
        return on(driver, d -> ResumableUpload.run(d, endpoint, upload, progress, client.engine.decider(),
                client.options.overallDeadline(), client.chunkSize));
    }

    @Override
    public StoredFile get(String name) {
        return Driver.await(on(client.blocking, d -> d.call(FileExchanges.get(endpoint, StoredFile.checkName(name)))));
    }

    @Override
    public CompletableFuture<StoredFile> getAsync(String name) {
        StoredFile.checkName(name);
        return on(client.async, d -> d.call(FileExchanges.get(endpoint, name)));
    }

    @Override
    public FilePage listPage(int pageSize, Optional<String> pageToken) {
        return Driver.await(listOn(client.blocking, pageSize, pageToken));
    }

    @Override
    public CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return listOn(client.async, pageSize, pageToken);
    }

    private CompletableFuture<FilePage> listOn(Driver driver, int pageSize, Optional<String> pageToken) {
        FileExchanges.checkList(pageSize, pageToken);
        return on(driver, d -> d.call(FileExchanges.list(endpoint, pageSize, pageToken)));
    }

    @Override
    public void delete(String name) {
        StoredFile.checkName(name);
        Driver.await(on(client.blocking, d -> d.call(FileExchanges.delete(endpoint, name))));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        StoredFile.checkName(name);
        return on(client.async, d -> d.call(FileExchanges.delete(endpoint, name)));
    }

    /** Polls {@code files.get}, the waits growing by half up to 5 s. */
    @Override
    public StoredFile awaitActive(String name, Duration timeout) {
        return Driver.await(awaitOn(client.blocking, name, timeout));
    }

    @Override
    public CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout) {
        return awaitOn(client.async, name, timeout);
    }

    CompletableFuture<StoredFile> awaitOn(Driver driver, String name, Duration timeout) {
        StoredFile.checkName(name);
        Objects.requireNonNull(timeout, "timeout");
        return on(driver, d -> FileExchanges.awaitActive(d, endpoint, name, timeout, client.pollInterval));
    }

    /** Streams the content without the reply cap, through a temporary file renamed into place. */
    @Override
    public long download(String name, Path target) {
        return Driver.await(downloadOn(client.blocking, name, target));
    }

    @Override
    public CompletableFuture<Long> downloadAsync(String name, Path target) {
        return downloadOn(client.async, name, target);
    }

    private CompletableFuture<Long> downloadOn(Driver driver, String name, Path target) {
        StoredFile.checkName(name);
        Objects.requireNonNull(target, "target");
        return on(driver, d -> Downloads.toPath(d, endpoint, name, target));
    }

    @Override
    public long download(String name, OutputStream out) {
        StoredFile.checkName(name);
        Objects.requireNonNull(out, "out");
        return Driver.await(on(client.blocking, d -> Downloads.toStream(d, endpoint, name, out)));
    }

    /** Refuses every call on Vertex AI before any I/O; otherwise runs it on {@code driver}. */
    private <T> CompletableFuture<T> on(Driver driver, Function<Driver, CompletableFuture<T>> call) {
        if (endpoint.isVertex()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("endpoint", "Vertex AI has no Files API: "
                    + "reference Cloud Storage objects instead, e.g. ImageInput.ofUri(URI.create(\"gs://bucket/photo.png\"), "
                    + "MediaType.PNG)", (Throwable) null));
        }
        return call.apply(driver);
    }

    /** This view as the batch flows use it: an upload awaited {@code ACTIVE} (up to {@code timeout}), a download. */
    BatchFlows.FileStore forBatches(Duration timeout) {
        return new BatchFlows.FileStore() {
            @Override
            public CompletableFuture<StoredFile> uploadActive(Driver driver, FileUpload upload) {
                return uploadOn(driver, upload, UploadProgress.NONE).thenCompose(file -> file.isActive()
                        ? CompletableFuture.completedFuture(file) : awaitOn(driver, file.name(), timeout));
            }

            @Override
            public long download(String name, Path target) {
                return HttpFiles.this.download(name, target);
            }
        };
    }

    /** Does nothing: the view belongs to its client, which {@code HttpGeminiClient.close()} closes. */
    @Override
    public void close() {
        // The client owns the engine, threads and transport.
    }

    @Override
    public String toString() {
        return "HttpFiles[" + client + "]";
    }
}
