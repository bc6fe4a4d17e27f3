package io.github.geminiimage.tck;

import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.UploadProgress;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The files view of a client made for one suite's port: every call goes to the view, and
 * {@link #close()} closes the client (a view's own close does nothing), so that the port contract's
 * close checks apply to what owns the port.
 *
 * @param client the client the port belongs to
 */
public record ClientFilesPort(GeminiClient client) implements FilesPort {

    @Override
    public StoredFile upload(FileUpload upload, UploadProgress progress) {
        return client.files().upload(upload, progress);
    }

    @Override
    public CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
        return client.files().uploadAsync(upload, progress);
    }

    @Override
    public StoredFile get(String name) {
        return client.files().get(name);
    }

    @Override
    public CompletableFuture<StoredFile> getAsync(String name) {
        return client.files().getAsync(name);
    }

    @Override
    public FilePage listPage(int pageSize, Optional<String> pageToken) {
        return client.files().listPage(pageSize, pageToken);
    }

    @Override
    public CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return client.files().listPageAsync(pageSize, pageToken);
    }

    @Override
    public void delete(String name) {
        client.files().delete(name);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        return client.files().deleteAsync(name);
    }

    @Override
    public StoredFile awaitActive(String name, Duration timeout) {
        return client.files().awaitActive(name, timeout);
    }

    @Override
    public CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout) {
        return client.files().awaitActiveAsync(name, timeout);
    }

    @Override
    public long download(String name, Path target) {
        return client.files().download(name, target);
    }

    @Override
    public long download(String name, OutputStream out) {
        return client.files().download(name, out);
    }

    @Override
    public CompletableFuture<Long> downloadAsync(String name, Path target) {
        return client.files().downloadAsync(name, target);
    }

    @Override
    public void close() {
        client.close();
    }
}
