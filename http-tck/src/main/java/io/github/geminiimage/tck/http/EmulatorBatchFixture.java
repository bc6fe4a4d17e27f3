package io.github.geminiimage.tck.http;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.BatchProgress;
import io.github.geminiimage.tck.BatchPortContract;
import io.github.geminiimage.tck.TckSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@link BatchPortContract.BatchFixture} of an HTTP transport: the batches view of an
 * {@link HttpGeminiClient} over the transport, talking to a {@link GeminiEmulator} of its own whose
 * jobs run on a virtual clock that the client's waits advance (a job is pending for a minute and
 * runs for ten, yet a test takes milliseconds). The client's own files view uploads a file job's
 * input and downloads its results file from the same emulator. Closing a port closes its client and
 * stops its emulator.
 */
public final class EmulatorBatchFixture implements BatchPortContract.BatchFixture {

    private final Function<TransportSettings, HttpTransport> transports;

    /**
     * A fixture.
     *
     * @param transports makes the transport under test from the options' settings
     */
    public EmulatorBatchFixture(Function<TransportSettings, HttpTransport> transports) {
        this.transports = transports;
    }

    @Override
    public BatchPort port(Set<String> failingKeys) {
        return port(failingKeys, false, Optional.empty());
    }

    @Override
    public BatchPort portWithStalledJob() {
        return port(Set.of(), true, Optional.empty());
    }

    @Override
    public BatchPort portWithFailingJob(String message) {
        return port(Set.of(), false, Optional.of(message));
    }

    private BatchPort port(Set<String> failingKeys, boolean stall, Optional<String> failJob) {
        // The client runs on this clock too: it must not be behind real time, which the transport checks deadlines on.
        FakeClock clock = FakeClock.at(Instant.now());
        GeminiEmulator emulator = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).clock(clock)
                .batchTiming(Duration.ofMinutes(1), Duration.ofMinutes(10)).start();
        try {
            emulator.batches().when(r -> failingKeys.contains(r.key()),
                    FakeResponse.invalidRequest("Request contains an invalid argument."));
            if (stall) {
                emulator.batches().stallNextJob();
            }
            failJob.ifPresent(emulator.batches()::failNextJob);
            HttpOptions options = HttpOptions.builder().baseUri(emulator.baseUri())
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1))).build();
            HttpGeminiClient client = HttpGeminiClient.builder(transports.apply(options.transportSettings()),
                    ApiKey.of(TckSecrets.SENTINEL_KEY)).options(options).ownsTransport(true).clock(clock)
                    .sleeper(clock::advance).pollInterval(Duration.ofMillis(1)).build();
            return new ClosingPort(client.batches(), () -> {
                client.close();
                emulator.close();
            });
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /**
     * A batch port that also runs {@code after} when closed (closes the client it is a view of, stops its server).
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
