package io.github.geminiimage.port.forwarding;

import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.UploadProgress;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link FilesPort} that hands each of its abstract methods to {@link #delegate()}. The default
 * methods ({@code upload(upload)}, {@code list()}) are not forwarded: they stay built on the methods
 * here, so they also go through whatever the decorator overrides.
 */
public interface ForwardingFilesPort extends FilesPort {

    /**
     * The port that receives every call the decorator does not override.
     *
     * @return the decorated port
     */
    FilesPort delegate();

    @Override
    default StoredFile upload(FileUpload upload, UploadProgress progress) {
        return delegate().upload(upload, progress);
    }

    @Override
    default CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
        return delegate().uploadAsync(upload, progress);
    }

    @Override
    default StoredFile get(String name) {
        return delegate().get(name);
    }

    @Override
    default CompletableFuture<StoredFile> getAsync(String name) {
        return delegate().getAsync(name);
    }

    @Override
    default FilePage listPage(int pageSize, Optional<String> pageToken) {
        return delegate().listPage(pageSize, pageToken);
    }

    @Override
    default CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return delegate().listPageAsync(pageSize, pageToken);
    }

    @Override
    default void delete(String name) {
        delegate().delete(name);
    }

    @Override
    default CompletableFuture<Void> deleteAsync(String name) {
        return delegate().deleteAsync(name);
    }

    @Override
    default StoredFile awaitActive(String name, Duration timeout) {
        return delegate().awaitActive(name, timeout);
    }

    @Override
    default CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout) {
        return delegate().awaitActiveAsync(name, timeout);
    }

    @Override
    default long download(String name, Path target) {
        return delegate().download(name, target);
    }

    @Override
    default long download(String name, OutputStream out) {
        return delegate().download(name, out);
    }

    @Override
    default CompletableFuture<Long> downloadAsync(String name, Path target) {
        return delegate().downloadAsync(name, target);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
