package io.github.geminiimage.tck;

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
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link FilesPort} that delegates everything and counts the pages read, to see that listing is lazy. */
final class CountingPages implements FilesPort {

    private final FilesPort delegate;
    private final AtomicInteger pages;

    CountingPages(FilesPort delegate, AtomicInteger pages) {
        this.delegate = delegate;
        this.pages = pages;
    }

    @Override
    public StoredFile upload(FileUpload upload, UploadProgress progress) {
        return delegate.upload(upload, progress);
    }

    @Override
    public CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
        return delegate.uploadAsync(upload, progress);
    }

    @Override
    public StoredFile get(String name) {
        return delegate.get(name);
    }

    @Override
    public CompletableFuture<StoredFile> getAsync(String name) {
        return delegate.getAsync(name);
    }

    @Override
    public FilePage listPage(int pageSize, Optional<String> pageToken) {
        pages.incrementAndGet();
        return delegate.listPage(pageSize, pageToken);
    }

    @Override
    public CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return delegate.listPageAsync(pageSize, pageToken);
    }

    @Override
    public void delete(String name) {
        delegate.delete(name);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        return delegate.deleteAsync(name);
    }

    @Override
    public StoredFile awaitActive(String name, Duration timeout) {
        return delegate.awaitActive(name, timeout);
    }

    @Override
    public CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout) {
        return delegate.awaitActiveAsync(name, timeout);
    }

    @Override
    public long download(String name, Path target) {
        return delegate.download(name, target);
    }

    @Override
    public long download(String name, OutputStream out) {
        return delegate.download(name, out);
    }

    @Override
    public CompletableFuture<Long> downloadAsync(String name, Path target) {
        return delegate.downloadAsync(name, target);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
