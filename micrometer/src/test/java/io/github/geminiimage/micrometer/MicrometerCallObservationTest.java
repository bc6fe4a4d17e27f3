package io.github.geminiimage.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.http.CallObserver.AttemptStarted;
import io.github.geminiimage.http.CallObserver.CallCompleted;
import io.github.geminiimage.http.CallObserver.RetryScheduled;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The observer with an ObservationRegistry, fed events as the engine sends them. */
class MicrometerCallObservationTest {

    private static final Optional<String> MODEL = Optional.of("gemini-2.5-flash-image");

    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MicrometerCallObserver observer = MicrometerCallObserver.create(observations, meters);

    @Test
    void aRetriedCallIsOneObservationFromItsFirstAttemptToItsEnd_withTheRetryCounted() {
        observer.attemptStarted(new AttemptStarted(1, "generateContent", MODEL, 1));
        observer.retryScheduled(new RetryScheduled(1, "generateContent", MODEL, 2, Duration.ofSeconds(1), rateLimited()));
        observer.attemptStarted(new AttemptStarted(1, "generateContent", MODEL, 2));
        assertThat(observations).hasNumberOfObservationsEqualTo(1).hasSingleObservationThat().hasBeenStarted()
                .isNotStopped();

        observer.callCompleted(success(1, 2));

        assertThat(observations).hasNumberOfObservationsEqualTo(1).hasSingleObservationThat()
                .hasNameEqualTo(MicrometerCallObserver.CALLS)
                .hasContextualNameEqualTo("generateContent gemini-2.5-flash-image")
                .hasBeenStopped()
                .hasLowCardinalityKeyValue("operation", "generateContent")
                .hasLowCardinalityKeyValue("model", "gemini-2.5-flash-image")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasLowCardinalityKeyValue("status", "2xx")
                .hasHighCardinalityKeyValue("attempts", "2")
                .doesNotHaveError();
        assertThat(meters.get(MicrometerCallObserver.ATTEMPTS).counter().count()).isEqualTo(2.0);
        assertThat(meters.get(MicrometerCallObserver.RETRIES).tag("cause", "RateLimitedException").counter().count())
                .isEqualTo(1.0);
        assertThat(observer.openObservations()).isZero();
    }

    @Test
    void aFailedCallSetsTheObservationsErrorAndFailureKeyValues() {
        RateLimitedException failure = rateLimited();
        observer.attemptStarted(new AttemptStarted(5, "generateContent", MODEL, 1));
        observer.callCompleted(new CallCompleted(5, "generateContent", MODEL, 1, OptionalInt.of(429), 10, 20,
                Duration.ofMillis(40), Usage.NONE, Optional.of(failure)));

        assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "failure")
                .hasLowCardinalityKeyValue("exception", "RateLimitedException")
                .hasLowCardinalityKeyValue("status", "4xx")
                .hasError(failure);
    }

    @Test
    void interleavedCallsKeepTheirOwnObservations() {
        observer.attemptStarted(new AttemptStarted(1, "generateContent", MODEL, 1));
        observer.attemptStarted(new AttemptStarted(2, "generateContent", Optional.of("gemini-3-pro-image"), 1));
        observer.callCompleted(success(1, 1));
        assertThat(observer.openObservations()).isEqualTo(1);
        observer.callCompleted(new CallCompleted(2, "generateContent", Optional.of("gemini-3-pro-image"), 1,
                OptionalInt.of(503), 1, 1, Duration.ofMillis(5), Usage.NONE, Optional.of(rateLimited())));

        assertThat(observations).hasNumberOfObservationsEqualTo(2)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerCallObserver.CALLS, 2)
                .hasAnObservationWithAKeyValue("model", "gemini-3-pro-image")
                .hasAnObservationWithAKeyValue("outcome", "failure")
                .hasAnObservationWithAKeyValue("outcome", "success");
        assertThat(observer.openObservations()).isZero();
    }

    @Test
    void aCallRefusedBeforeSendingIsOneObservationStartedAndStoppedAtItsEnd() {
        observer.callCompleted(new CallCompleted(9, "files.upload", Optional.empty(), 0, OptionalInt.empty(), 0, 0,
                Duration.ZERO, Usage.NONE, Optional.of(new IllegalArgumentException("too large"))));

        assertThat(observations).hasSingleObservationThat().hasBeenStarted().hasBeenStopped()
                .hasContextualNameEqualTo("files.upload").hasLowCardinalityKeyValue("model", "none")
                .hasLowCardinalityKeyValue("status", "none");
        assertThat(observer.openObservations()).isZero();
    }

    @Test
    void withObservationsTheObserverRecordsNoCallTimerOfItsOwn_soTheRegistrysHandlerCountsEachCallOnce() {
        ObservationRegistry withMeters = ObservationRegistry.create();
        withMeters.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        MicrometerCallObserver both = MicrometerCallObserver.create(withMeters, meters);

        both.attemptStarted(new AttemptStarted(3, "generateContent", MODEL, 1));
        both.attemptStarted(new AttemptStarted(3, "generateContent", MODEL, 2));
        both.callCompleted(success(3, 2));

        Timer timer = meters.get(MicrometerCallObserver.CALLS).tag("model", "gemini-2.5-flash-image")
                .tag("outcome", "success").tag("status", "2xx").tag("exception", "none").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(meters.find(MicrometerCallObserver.CALLS).timers()).hasSize(1);
        assertThat(timer.getId().getTags()).noneMatch(tag -> tag.getKey().equals("attempts"));
    }

    @Test
    void withoutObservationsTheCallTimerIsRecordedFromTheReportedDuration() {
        MicrometerCallObserver metersOnly = MicrometerCallObserver.create(meters);

        metersOnly.attemptStarted(new AttemptStarted(4, "generateContent", MODEL, 1));
        metersOnly.callCompleted(success(4, 1));

        assertThat(meters.get(MicrometerCallObserver.CALLS).timer().count()).isEqualTo(1);
        assertThat(metersOnly.openObservations()).isZero();
        assertThat(observations).doesNotHaveAnyObservation();
    }

    @Test
    void observationsOnlyCountNothingButStillObserveEachCall() {
        MicrometerCallObserver spansOnly = MicrometerCallObserver.create(observations);

        spansOnly.attemptStarted(new AttemptStarted(6, "generateContent", MODEL, 1));
        spansOnly.callCompleted(success(6, 1));

        assertThat(observations).hasSingleObservationThat().hasBeenStopped();
        assertThat(meters.getMeters()).isEmpty();
    }

    @Test
    void noKeyValueCarriesAMessage() {
        observer.attemptStarted(new AttemptStarted(8, "generateContent", MODEL, 1));
        observer.callCompleted(new CallCompleted(8, "generateContent", MODEL, 1, OptionalInt.empty(), 0, 0,
                Duration.ZERO, Usage.NONE, Optional.of(new IllegalStateException("secret-prompt-text"))));

        assertThat(observations).hasSingleObservationThat()
                .doesNotHaveLowCardinalityKeyValueWithKey("message")
                .satisfies(context -> assertThat(context.getAllKeyValues())
                        .noneMatch(keyValue -> keyValue.getValue().contains("secret")));
    }

    private static CallCompleted success(long id, int attempts) {
        return new CallCompleted(id, "generateContent", MODEL, attempts, OptionalInt.of(200), 100, 4_000,
                Duration.ofMillis(900), Usage.of(10, 1290, 1300), Optional.empty());
    }

    private static RateLimitedException rateLimited() {
        return new RateLimitedException("rate limited", ErrorDetails.ofAttempts(1), Optional.empty(),
                QuotaScope.PER_MINUTE);
    }
}
