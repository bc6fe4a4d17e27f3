package io.github.geminiimage.tck.http;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.forwarding.ForwardingBatchPort;
import io.github.geminiimage.tck.BatchPortContract;
import io.github.geminiimage.tck.TckSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
    public record ClosingPort(BatchPort port, Runnable after) implements ForwardingBatchPort {

        @Override
        public BatchPort delegate() {
            return port;
        }

        @Override
        public void close() {
            port.close();
            after.run();
        }
    }
}
