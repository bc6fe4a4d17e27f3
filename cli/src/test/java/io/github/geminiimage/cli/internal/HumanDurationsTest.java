package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationsTest {

    @Test
    void durationsReadLikeSecondsMinutesAndHours() {
        assertThat(HumanDurations.format(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(HumanDurations.format(Duration.ofMillis(500))).isEqualTo("0.5 s");
        assertThat(HumanDurations.format(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(HumanDurations.format(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(HumanDurations.format(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }

    @Test
    void isoDurationsInAMessageAreRewritten() {
        assertThat(HumanDurations.humanize("no reply within PT2S (overall deadline PT1M30S)"))
                .isEqualTo("no reply within 2 s (overall deadline 1 min 30 s)");
        assertThat(HumanDurations.humanize("PT is not a duration")).isEqualTo("PT is not a duration");
    }
}
