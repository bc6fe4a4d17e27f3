package io.github.geminiimage.http.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.http.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant FAR = NOW.plusSeconds(3600);
    private final RetryDecider.Failure retryable = new RetryDecider.Failure(
            new ServerErrorException("HTTP 503", ErrorDetails.ofAttempts(1)), true, Optional.empty());

    @Test
    void equalJitterKeepsHalfTheDelayFixed() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertThat(new RetryDecider(policy, () -> 0.0).backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(new RetryDecider(policy, () -> 0.999_999_999).backoff(1)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(new RetryDecider(policy, () -> 0.0).backoff(3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theBackoffNeverExceedsTheCapAndIsNeverNegative() {
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), 3.0, Duration.ofSeconds(7));
        Random random = new Random(7);
        RetryDecider decider = new RetryDecider(policy, random::nextDouble);
        for (int retry = 1; retry < 200; retry++) {
            assertThat(decider.backoff(retry)).isBetween(Duration.ZERO, Duration.ofSeconds(7));
        }
    }

    /** Found by BackoffPropertyTest: seconds as a double lose the cap's last nanoseconds, so the delay rounded above it. */
    @Test
    void theLargestDrawStaysWithinACapThatADoubleCannotHoldExactly() {
        Duration cap = Duration.ofSeconds(16_777_216, 21);
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofNanos(1), 1.000008, cap);
        assertThat(new RetryDecider(policy, () -> Math.nextDown(1.0)).backoff(4_669_870)).isLessThanOrEqualTo(cap);
    }

    @Test
    void aHugeMultiplierDoesNotOverflow() {
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), 1e300, Duration.ofDays(365_000_000));
        assertThat(new RetryDecider(policy, () -> 0.5).backoff(5)).isPositive();
    }

    @Test
    void anOutOfRangeRandomValueIsTreatedAsTheMiddle() {
        assertThat(new RetryDecider(RetryPolicy.defaults(), () -> Double.NaN).backoff(1)).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void stopsAfterMaxAttempts() {
        RetryDecider decider = new RetryDecider(RetryPolicy.defaults().withMaxAttempts(3), () -> 0.5);
        assertThat(decider.decide(retryable, 2, NOW, FAR)).isInstanceOf(RetryDecider.Retry.class);
        assertThat(decider.decide(retryable, 3, NOW, FAR)).isEqualTo(new RetryDecider.GiveUp(retryable.exception()));
    }

    @Test
    void neverRetriesWhatIsNotRetryable() {
        RetryDecider decider = new RetryDecider(RetryPolicy.defaults(), () -> 0.5);
        RetryDecider.Failure fatal = new RetryDecider.Failure(retryable.exception(), false, Optional.empty());
        assertThat(decider.decide(fatal, 1, NOW, FAR)).isInstanceOf(RetryDecider.GiveUp.class);
    }

    @Test
    void usesTheServersHintUpToMaxServerDelay() {
        RetryDecider decider = new RetryDecider(RetryPolicy.defaults().withMaxServerDelay(Duration.ofSeconds(60)), () -> 0.5);
        assertThat(decider.decide(hint(Duration.ofSeconds(60)), 1, NOW, FAR)).isEqualTo(new RetryDecider.Retry(Duration.ofSeconds(60)));
        assertThat(decider.decide(hint(Duration.ZERO), 1, NOW, FAR)).isEqualTo(new RetryDecider.Retry(Duration.ZERO));
        assertThat(decider.decide(hint(Duration.ofSeconds(61)), 1, NOW, FAR)).isInstanceOf(RetryDecider.GiveUp.class);
    }

    @Test
    void noWaitMayReachTheDeadline() {
        RetryDecider decider = new RetryDecider(RetryPolicy.defaults(), () -> 0.5);
        assertThat(decider.decide(hint(Duration.ofSeconds(10)), 1, NOW, NOW.plusSeconds(10))).isInstanceOf(RetryDecider.GiveUp.class);
        assertThat(decider.decide(hint(Duration.ofSeconds(10)), 1, NOW, NOW.plusSeconds(11))).isInstanceOf(RetryDecider.Retry.class);
    }

    private RetryDecider.Failure hint(Duration d) {
        return new RetryDecider.Failure(retryable.exception(), true, Optional.of(d));
    }
}
