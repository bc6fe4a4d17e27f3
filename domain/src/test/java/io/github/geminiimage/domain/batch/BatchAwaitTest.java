package io.github.geminiimage.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.ManualClock;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polling loop's waits: growing by half up to the cap, the cap settable, on a clock the pauses move. */
class BatchAwaitTest {

    private static final BatchJob RUNNING = BatchJob.builder("batches/abc", "models/gemini-2.5-flash-image",
            BatchState.RUNNING).build();

    private final List<Duration> pauses = new ArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void theWaitsGrowByHalfUpToTwoMinutesByDefault() {
        assertThatThrownBy(() -> BatchAwait.await(() -> RUNNING, clock, this::pause, Duration.ofMinutes(10), j -> { }))
                .isInstanceOf(GenerationTimeoutException.class).hasMessageContaining("batches/abc");
        assertThat(pauses).startsWith(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(22_500),
                Duration.ofMillis(33_750), Duration.ofNanos(50_625_000_000L), Duration.ofNanos(75_937_500_000L),
                Duration.ofNanos(113_906_250_000L), Duration.ofSeconds(120));
        assertThat(pauses).allMatch(p -> p.compareTo(BatchAwait.MAX_INTERVAL) <= 0);
    }

    @Test
    void aShorterCapBoundsEveryWaitTheFirstIncluded() {
        assertThatThrownBy(() -> BatchAwait.await(() -> RUNNING, clock, this::pause, Duration.ofSeconds(2),
                Duration.ofMillis(50), j -> { })).isInstanceOf(GenerationTimeoutException.class);
        assertThat(pauses).hasSize(40).containsOnly(Duration.ofMillis(50));
    }

    @Test
    void aLongerCapMeansFewerPollsOverALongWait() {
        List<BatchJob> polls = new ArrayList<>();
        assertThatThrownBy(() -> BatchAwait.await(() -> RUNNING, clock, this::pause, Duration.ofHours(49),
                Duration.ofHours(1), polls::add)).isInstanceOf(GenerationTimeoutException.class);
        assertThat(pauses).contains(Duration.ofHours(1)).allMatch(p -> p.compareTo(Duration.ofHours(1)) <= 0);
        assertThat(polls).hasSizeLessThan(70);
    }

    @Test
    void aCapThatIsNotPositiveIsRefusedNamingIt() {
        assertThatThrownBy(() -> BatchAwait.await(() -> RUNNING, clock, this::pause, Duration.ofHours(1), Duration.ZERO,
                j -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPollInterval")
                .hasMessageContaining("PT0S");
        assertThat(pauses).isEmpty();
    }

    private void pause(Duration duration) {
        pauses.add(duration);
        clock.advance(duration);
    }
}
