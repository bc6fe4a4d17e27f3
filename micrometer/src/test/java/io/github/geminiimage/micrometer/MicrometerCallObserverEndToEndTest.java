package io.github.geminiimage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.adapter.fake.TestResults;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.TokenRates;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The observer wired into a real port, against the emulator, which fails the first request with a
 * 503 and then answers (or, for the cancellation test, holds its reply).
 */
class MicrometerCallObserverEndToEndTest {

    private static final String KEY = "AIzaTestKey-never-in-a-tag";

    private GeminiEmulator emulator;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() {
        emulator = GeminiEmulator.builder().apiKey(KEY).start().enqueue("server-error");
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        emulator.close();
    }

    @Test
    void aCallRetriedOnceIsOneTimedSuccessWithTwoAttemptsAndOneRetry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpOptions options = HttpOptions.builder()
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
                .observer(MicrometerCallObserver.create(registry))
                .build();
        try (ImageGenerationPort port = JdkHttpImageGeneration.builder().apiKey(KEY)
                .baseUri(emulator.baseUri()).options(options).build()) {
            port.generate(GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("an axolotl").build());
        }

        assertThat(registry.get(MicrometerCallObserver.CALLS).tag("model", "gemini-2.5-flash-image")
                .tag("outcome", "success").tag("status", "2xx").timer().count()).isEqualTo(1);
        assertThat(registry.get(MicrometerCallObserver.ATTEMPTS).counter().count()).isEqualTo(2.0);
        assertThat(registry.get(MicrometerCallObserver.RETRIES).tag("cause", "ServerErrorException").counter().count())
                .isEqualTo(1.0);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).noneMatch(t -> t.getValue().contains(KEY) || t.getValue().contains("axolotl"));
        }
    }

    @Test
    void aSuccessfulGenerationCountsItsEstimatedCostInDollars() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // One dollar per million tokens of every kind: the counter shows the tokens priced, in millionths.
        PriceTable table = PriceTable.builder(LocalDate.of(2027, 1, 1), "test")
                .model("gemini-2.5-flash-image", TokenRates.of("1", "1", "1", "1")).build();
        HttpOptions options = HttpOptions.builder()
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
                .observer(MicrometerCallObserver.create(registry)).priceTable(table)
                .build();
        GenerationResult result;
        try (ImageGenerationPort port = JdkHttpImageGeneration.builder().apiKey(KEY)
                .baseUri(emulator.baseUri()).options(options).build()) {
            result = port.generate(GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("an axolotl").build());
        }

        double usd = result.cost().orElseThrow().usd().doubleValue();
        assertThat(usd).isPositive();
        assertThat(usd * 1_000_000).isCloseTo(result.usage().promptTokens() + result.usage().candidatesTokens()
                + result.usage().thoughtsTokens(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(registry.get(MicrometerCallObserver.COST).tag("model", "gemini-2.5-flash-image").counter().count())
                .isEqualTo(usd);
    }

    @Test
    void withObservationsARetriedCallIsOneStoppedObservationWithTwoAttempts() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        MicrometerCallObserver observer = MicrometerCallObserver.create(observations, new SimpleMeterRegistry());
        try (ImageGenerationPort port = port(observer)) {
            port.generate(GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("an axolotl").build());
        }

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "success").hasHighCardinalityKeyValue("attempts", "2")
                .satisfies(context -> assertThat(context.getAllKeyValues())
                        .noneMatch(kv -> kv.getValue().contains(KEY) || kv.getValue().contains("axolotl")));
        assertThat(observer.openObservations()).isZero();
    }

    @Test
    void asyncCallsOnPoolThreadsAreOneObservationEach_andNoneStaysOpen() throws Exception {
        TestObservationRegistry observations = TestObservationRegistry.create();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MicrometerCallObserver observer = MicrometerCallObserver.create(observations, meters);
        int calls = 8;
        try (ImageGenerationPort port = port(observer)) {
            List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(port.generateAsync(GenerationRequest.builder().model("gemini-2.5-flash-image")
                        .prompt("call " + i).build()));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerCallObserver.CALLS, calls)
                .forAllObservationsWithNameEqualTo(MicrometerCallObserver.CALLS,
                        context -> context.hasLowCardinalityKeyValue("outcome", "success")); // set when it stops
        // The first request of all got the 503: one call took two attempts, the others one.
        assertThat(meters.get(MicrometerCallObserver.ATTEMPTS).counter().count()).isEqualTo(calls + 1.0);
        assertThat(meters.get(MicrometerCallObserver.RETRIES).counter().count()).isEqualTo(1.0);
        assertThat(observer.openObservations()).isZero();
    }

    @Test
    void aCancelledAsyncCallStopsItsObservationWithTheCancellationAsError() throws Exception {
        emulator.reset();
        // The emulator's fake answers on the server's handler thread: this answer holds it until released.
        emulator.imageGeneration().enqueue(FakeResponse.failure(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // bounded: an unreleased handler ends by itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestResults.serverError();
        }));
        TestObservationRegistry observations = TestObservationRegistry.create();
        MicrometerCallObserver observer = MicrometerCallObserver.create(observations, new SimpleMeterRegistry());
        try (ImageGenerationPort port = port(observer)) {
            CompletableFuture<GenerationResult> future = port.generateAsync(
                    GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("held").build());
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the server holds the request").isTrue();
            assertThat(observer.openObservations()).isEqualTo(1);

            future.cancel(true);
        }

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "failure")
                .hasLowCardinalityKeyValue("exception", "CancellationException");
        assertThat(observer.openObservations()).isZero();
    }

    @Test
    void aCallOnAClosedPortOpensNoObservation() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        MicrometerCallObserver observer = MicrometerCallObserver.create(observations, new SimpleMeterRegistry());
        ImageGenerationPort port = port(observer);
        port.close();

        assertThat(port.generateAsync(GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("late")
                .build())).isCompletedExceptionally();

        assertThat(observer.openObservations()).isZero();
        TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
    }

    private ImageGenerationPort port(MicrometerCallObserver observer) {
        HttpOptions options = HttpOptions.builder()
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
                .observer(observer)
                .build();
        return JdkHttpImageGeneration.builder().apiKey(KEY).baseUri(emulator.baseUri()).options(options).build();
    }
}
