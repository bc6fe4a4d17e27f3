package io.github.geminiimage.emulator;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.tck.BatchPortContract;
import io.github.geminiimage.tck.LoopbackBatchFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/**
 * The batch contract over Apache HttpClient 5, against the emulator's Batch Mode and Files API (a
 * new emulator per port, its jobs on a virtual clock that the port's waits advance).
 */
class EmulatorBatchContractTest extends BatchPortContract {

    private static final String KEY = "batch-key";
    private final List<GeminiEmulator> emulators = new ArrayList<>();

    @AfterEach
    void stopEmulators() {
        emulators.forEach(GeminiEmulator::close);
    }

    private BatchPort port(Set<String> failingKeys, boolean stall, Optional<String> failJob) {
        // The client runs on this clock too: it must not be behind real time, which the transport checks deadlines on.
        FakeClock clock = FakeClock.at(Instant.now());
        GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).clock(clock)
                .batchTiming(Duration.ofMinutes(1), Duration.ofMinutes(10)).start();
        emulators.add(emulator);
        emulator.batches().when(r -> failingKeys.contains(r.key()),
                FakeResponse.invalidRequest("Request contains an invalid argument."));
        if (stall) {
            emulator.batches().stallNextJob();
        }
        failJob.ifPresent(emulator.batches()::failNextJob);
        HttpOptions options = HttpOptions.builder().baseUri(emulator.baseUri())
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1))).build();
        // One client: its batches view, its own files view for file jobs; closing the port closes the client.
        HttpGeminiClient client = HttpGeminiClient.builder(HttpClient5Transport.create(options.transportSettings()),
                ApiKey.of(KEY)).options(options).ownsTransport(true).clock(clock).sleeper(clock::advance).build();
        return new LoopbackBatchFixture.ClosingPort(client.batches(), client::close);
    }

    @Override
    protected BatchFixture fixture() {
        return new BatchFixture() {
            @Override
            public BatchPort port(Set<String> failingKeys) {
                return EmulatorBatchContractTest.this.port(failingKeys, false, Optional.empty());
            }

            @Override
            public BatchPort portWithStalledJob() {
                return EmulatorBatchContractTest.this.port(Set.of(), true, Optional.empty());
            }

            @Override
            public BatchPort portWithFailingJob(String message) {
                return EmulatorBatchContractTest.this.port(Set.of(), false, Optional.of(message));
            }
        };
    }
}
