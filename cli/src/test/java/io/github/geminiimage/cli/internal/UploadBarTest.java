package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aFrameShowsTheBytesTheRateAndTheTimeLeft() {
        UploadBar bar = new UploadBar(err, true, 120, "uploading cat.png", nanos::get);

        String frame = bar.frame(50L * 1024 * 1024, 200L * 1024 * 1024, 10_000_000_000L);

        assertThat(frame).isEqualTo("uploading cat.png [#####---------------] 25% 50 MB of 200 MB, 5 MB/s, 30 s left");
    }

    @Test
    void onANarrowTerminalTheLabelIsShortenedThenTheBarDropped_neverWrapping() {
        for (int columns : new int[] {20, 40, 60, 80}) {
            UploadBar bar = new UploadBar(err, true, columns, "uploading a-photo-with-a-long-name.png", nanos::get);

            assertThat(bar.frame(1536, 1L << 30, 2_000_000_000L).length()).as("width %d", columns).isLessThan(columns);
        }
    }

    @Test
    void redrawsAtMostTenTimesASecondButAlwaysTheLastReport() {
        try (UploadBar bar = new UploadBar(err, true, 80, "uploading", nanos::get)) {
            bar.onProgress(0, 100);
            nanos.addAndGet(1_000_000);
            bar.onProgress(10, 100);
            nanos.addAndGet(1_000_000);
            bar.onProgress(100, 100);
        }

        String[] frames = bytes.toString(StandardCharsets.UTF_8).split("\r");
        assertThat(Arrays.stream(frames).filter(f -> f.contains("%"))).hasSize(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(" 0% ").contains("100%").doesNotContain(" 10% ");
    }

    @Test
    void onAPipeNothingIsWritten() {
        try (UploadBar bar = new UploadBar(err, false, 80, "uploading", nanos::get)) {
            bar.onProgress(0, 100);
            bar.onProgress(100, 100);
        }

        assertThat(bytes.size()).isZero();
    }
}
