package io.github.geminiimage.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 clients generating against the emulator at once: every call answered with an image and logged,
 * the heap after a full collection as flat at the end as once warm. A few seconds in the normal
 * build; the full minute with {@code -Demulator.load.seconds=60}.
 */
class EmulatorLoadTest {

    private static final long FLAT_MARGIN_BYTES = 32L * 1024 * 1024;

    @Test
    @Timeout(300)
    void sixtyFourClientsLoseNothingAndTheHeapStaysFlat() throws InterruptedException {
        int seconds = Integer.getInteger("emulator.load.seconds", 3);

        EmulatorLoad.Report report = EmulatorLoad.run(new EmulatorLoad.Config(64, Duration.ofSeconds(seconds), Adapter.JDK));

        System.out.println("emulator load, 64 clients, " + seconds + " s: " + report);
        assertThat(report.failures()).isEmpty();
        assertThat(report.issued()).isGreaterThanOrEqualTo(64);
        assertThat(report.nothingLost()).as("%s", report).isTrue();
        assertThat(report.heapAtEnd()).as("heap after GC: %d once warm, %d at the end", report.heapAfterWarmUp(),
                report.heapAtEnd()).isLessThan(report.heapAfterWarmUp() + FLAT_MARGIN_BYTES);
    }
}
