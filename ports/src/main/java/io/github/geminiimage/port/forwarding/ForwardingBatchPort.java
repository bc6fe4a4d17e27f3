package io.github.geminiimage.port.forwarding;

import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.BatchProgress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A {@link BatchPort} that hands each of its abstract methods to {@link #delegate()}. The default
 * methods ({@code submit} of a stream, {@code list()}, {@code saveImages}, {@code results} into a
 * folder) are not forwarded: they stay built on the methods here, so they also go through whatever
 * the decorator overrides.
 */
public interface ForwardingBatchPort extends BatchPort {

    /**
     * The port that receives every call the decorator does not override.
     *
     * @return the decorated port
     */
    BatchPort delegate();

    @Override
    default BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        return delegate().submit(displayName, model, requests, options);
    }

    @Override
    default CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options) {
        return delegate().submitAsync(displayName, model, requests, options);
    }

    @Override
    default BatchJob get(String name) {
        return delegate().get(name);
    }

    @Override
    default CompletableFuture<BatchJob> getAsync(String name) {
        return delegate().getAsync(name);
    }

    @Override
    default BatchPage listPage(int pageSize, Optional<String> pageToken) {
        return delegate().listPage(pageSize, pageToken);
    }

    @Override
    default CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken) {
        return delegate().listPageAsync(pageSize, pageToken);
    }

    @Override
    default void cancel(String name) {
        delegate().cancel(name);
    }

    @Override
    default CompletableFuture<Void> cancelAsync(String name) {
        return delegate().cancelAsync(name);
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
    default BatchJob await(String name, Duration timeout, BatchProgress progress) {
        return delegate().await(name, timeout, progress);
    }

    @Override
    default CompletableFuture<BatchJob> awaitAsync(String name, Duration timeout, BatchProgress progress) {
        return delegate().awaitAsync(name, timeout, progress);
    }

    @Override
    default Stream<BatchResult> results(String name) {
        return delegate().results(name);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
