package io.github.geminiimage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.http.CallObserver.AttemptStarted;
import io.github.geminiimage.http.CallObserver.CallCompleted;
import io.github.geminiimage.http.CallObserver.RetryScheduled;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerCallObserverTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerCallObserver observer = MicrometerCallObserver.create(registry);

    @Test
    void aSuccessfulCallIsTimedWithItsDurationAndTaggedSuccess2xx() {
        observer.callCompleted(new CallCompleted(7L, "generateContent", Optional.of("gemini-2.5-flash-image"), 1,
                OptionalInt.of(200), 120, 4_000, Duration.ofMillis(1500), Usage.of(10, 1290, 1300), Optional.empty()));

        Timer timer = registry.get(MicrometerCallObserver.CALLS).tag("operation", "generateContent")
                .tag("model", "gemini-2.5-flash-image").tag("outcome", "success").tag("exception", "none")
                .tag("status", "2xx").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
        assertThat(registry.get(MicrometerCallObserver.REQUEST_BYTES).summary().totalAmount()).isEqualTo(120.0);
        assertThat(registry.get(MicrometerCallObserver.RESPONSE_BYTES).summary().totalAmount()).isEqualTo(4000.0);
        assertThat(registry.get(MicrometerCallObserver.TOKENS).tag("type", "candidates").counter().count())
                .isEqualTo(1290.0);
        assertThat(registry.get(MicrometerCallObserver.TOKENS).tag("type", "prompt").counter().count()).isEqualTo(10.0);
    }

    @Test
    void aFailedCallIsTaggedWithTheExceptionTypeAndStatusClass() {
        RateLimitedException failure = rateLimited();
        observer.callCompleted(new CallCompleted(7L, "generateContent", Optional.of("gemini-3-pro-image"), 3,
                OptionalInt.of(429), 300, 900, Duration.ofSeconds(4), Usage.NONE, Optional.of(failure)));

        Timer timer = registry.get(MicrometerCallObserver.CALLS).tag("outcome", "failure")
                .tag("exception", "RateLimitedException").tag("status", "4xx").tag("model", "gemini-3-pro-image").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(registry.find(MicrometerCallObserver.TOKENS).counters()).isEmpty();
    }

    @Test
    void aCallWithoutReplyHasStatusNoneAndACallWithoutModelHasModelNone() {
        observer.callCompleted(new CallCompleted(7L, "files.upload", Optional.empty(), 1, OptionalInt.empty(), 0, 0,
                Duration.ofMillis(3), Usage.NONE, Optional.of(new UncheckedIOException(new IOException("reset")))));

        assertThat(registry.get(MicrometerCallObserver.CALLS).tag("operation", "files.upload").tag("model", "none")
                .tag("status", "none").tag("exception", "UncheckedIOException").timer().count()).isEqualTo(1);
    }

    @Test
    void aCallRefusedBeforeSendingRecordsNoByteSizes() {
        observer.callCompleted(new CallCompleted(7L, "generateContent", Optional.of("m"), 0, OptionalInt.empty(), 0, 0,
                Duration.ZERO, Usage.NONE, Optional.of(rateLimited())));

        assertThat(registry.find(MicrometerCallObserver.REQUEST_BYTES).summaries()).isEmpty();
        assertThat(registry.get(MicrometerCallObserver.CALLS).timer().count()).isEqualTo(1);
    }

    @Test
    void attemptsAndRetriesAreCountedByModelAndCause() {
        observer.attemptStarted(new AttemptStarted(7L, "generateContent", Optional.of("m"), 1));
        observer.retryScheduled(new RetryScheduled(7L, "generateContent", Optional.of("m"), 2, Duration.ofSeconds(1),
                rateLimited()));
        observer.attemptStarted(new AttemptStarted(7L, "generateContent", Optional.of("m"), 2));

        assertThat(registry.get(MicrometerCallObserver.ATTEMPTS).tag("model", "m").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(MicrometerCallObserver.RETRIES).tag("cause", "RateLimitedException").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void noTagValueCarriesAMessageOrPayload() {
        observer.retryScheduled(new RetryScheduled(7L, "generateContent", Optional.of("m"), 2, Duration.ofSeconds(1),
                new IllegalStateException("secret-prompt-text")));

        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).noneMatch(tag -> tag.getValue().contains("secret"));
        }
    }

    @Test
    void statusClassesCoverEveryRangeAndRejectNonsense() {
        assertThat(MicrometerCallObserver.statusClass(OptionalInt.of(503))).isEqualTo("5xx");
        assertThat(MicrometerCallObserver.statusClass(OptionalInt.of(101))).isEqualTo("1xx");
        assertThat(MicrometerCallObserver.statusClass(OptionalInt.of(42))).isEqualTo("none");
    }

    private static RateLimitedException rateLimited() {
        return new RateLimitedException("rate limited", ErrorDetails.ofAttempts(1), Optional.empty(),
                QuotaScope.PER_MINUTE);
    }
}
