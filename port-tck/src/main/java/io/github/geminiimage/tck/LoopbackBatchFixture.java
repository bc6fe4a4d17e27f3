package io.github.geminiimage.tck;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import io.github.geminiimage.domain.BatchJob;
import io.github.geminiimage.domain.BatchPage;
import io.github.geminiimage.domain.BatchResult;
import io.github.geminiimage.domain.BatchSubmitOptions;
import io.github.geminiimage.domain.KeyedRequest;
import io.github.geminiimage.port.BatchProgress;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link BatchPortContract.BatchFixture} of an HTTP transport: the batches view of an
 * {@link HttpGeminiClient} over the transport, talking to a {@link BatchWireServer} on loopback in
 * front of an in-memory backend (the fake's batches and files on a virtual clock, which the client's
 * waits advance). The client's own files view uploads a file job's input and downloads its results
 * file through that server, from the backend's file store. Closing a port closes its client and
 * stops its server.
 */
public final class LoopbackBatchFixture implements BatchPortContract.BatchFixture {

    /**
     * The in-memory side of one test.
     *
     * @param batches the batch lifecycle the server answers from
     * @param files the file store shared by the server and the port
     * @param clock the clock both wait on; the client's clock too, so it must not run behind real time
     *     (the transport checks each request's deadline against the real time)
     * @param advance moves that clock on (the port's pause between polls)
     */
    public record Backend(BatchPort batches, FilesPort files, Clock clock, Consumer<Duration> advance) {
    }

    /** Makes a backend for a scenario of {@link BatchPortContract.BatchFixture}. */
    @FunctionalInterface
    public interface Backends {
        /**
         * A backend whose requests in {@code failingKeys} fail with {@code INVALID_ARGUMENT}, whose next job
         * never starts when {@code stall}, or ends {@code FAILED} with the message when one is given.
         */
        Backend make(Set<String> failingKeys, boolean stall, Optional<String> failJob);
    }

    private final Function<TransportSettings, HttpTransport> transports;
    private final Backends backends;

    /**
     * A fixture.
     *
     * @param transports makes the transport under test from the options' settings
     * @param backends makes the in-memory backend
     */
    public LoopbackBatchFixture(Function<TransportSettings, HttpTransport> transports, Backends backends) {
        this.transports = transports;
        this.backends = backends;
    }

    @Override
    public BatchPort port(Set<String> failingKeys) {
        return port(backends.make(failingKeys, false, Optional.empty()));
    }

    @Override
    public BatchPort portWithStalledJob() {
        return port(backends.make(Set.of(), true, Optional.empty()));
    }

    @Override
    public BatchPort portWithFailingJob(String message) {
        return port(backends.make(Set.of(), false, Optional.of(message)));
    }

    private BatchPort port(Backend backend) {
        BatchWireServer server;
        try {
            server = BatchWireServer.start(backend.batches(), backend.files());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpOptions options = HttpOptions.builder().baseUri(server.baseUri())
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1))).build();
        HttpGeminiClient client = HttpGeminiClient.builder(transports.apply(options.transportSettings()),
                ApiKey.of(TckSecrets.SENTINEL_KEY)).options(options).ownsTransport(true).clock(backend.clock())
                .sleeper(backend.advance::accept).pollInterval(Duration.ofMillis(1)).build();
        BatchPort port = client.batches();
        return new ClosingPort(port, () -> {
            client.close();
            server.close();
            backend.batches().close();
            backend.files().close();
        });
    }

    /**
     * A batch port that also runs {@code after} when closed (stops a server and backend, closes the client it is a view of).
     *
     * @param port the port
     * @param after what closing it also does
     */
    public record ClosingPort(BatchPort port, Runnable after) implements BatchPort {

        @Override
        public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
            return port.submit(displayName, model, requests, options);
        }

        @Override
        public CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
                BatchSubmitOptions options) {
            return port.submitAsync(displayName, model, requests, options);
        }

        @Override
        public BatchJob get(String name) {
            return port.get(name);
        }

        @Override
        public CompletableFuture<BatchJob> getAsync(String name) {
            return port.getAsync(name);
        }

        @Override
        public BatchPage listPage(int pageSize, Optional<String> pageToken) {
            return port.listPage(pageSize, pageToken);
        }

        @Override
        public CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken) {
            return port.listPageAsync(pageSize, pageToken);
        }

        @Override
        public void cancel(String name) {
            port.cancel(name);
        }

        @Override
        public CompletableFuture<Void> cancelAsync(String name) {
            return port.cancelAsync(name);
        }

        @Override
        public void delete(String name) {
            port.delete(name);
        }

        @Override
        public CompletableFuture<Void> deleteAsync(String name) {
            return port.deleteAsync(name);
        }

        @Override
        public BatchJob await(String name, Duration timeout, BatchProgress progress) {
            return port.await(name, timeout, progress);
        }

        @Override
        public CompletableFuture<BatchJob> awaitAsync(String name, Duration timeout, BatchProgress progress) {
            return port.awaitAsync(name, timeout, progress);
        }

        @Override
        public Stream<BatchResult> results(String name) {
            return port.results(name);
        }

        @Override
        public void close() {
            port.close();
            after.run();
        }
    }
}
