package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.UploadProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress bar of an upload on stderr: the bytes confirmed, a bar, the rate and the time left,
 * redrawn in place ({@code \r}) at most ten times a second and cut to the terminal's width like
 * {@link Progress}'s spinner (the label is shortened first, then the bar dropped). Only on a
 * terminal: on a pipe or a file it writes nothing. Thread-safe.
 */
final class UploadBar implements UploadProgress, AutoCloseable {

    private static final int BAR_CELLS = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final int columns;
    private final String label;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Object lock = new Object();
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastWidth;

    /**
     * @param err where to draw
     * @param enabled whether stderr is a terminal; when false nothing is written
     * @param columns the terminal's width; every frame is shorter than it
     * @param label what is uploaded, e.g. {@code uploading cat.png}
     * @param nanoTime the clock of the rate and the time left
     */
    UploadBar(PrintStream err, boolean enabled, int columns, String label, LongSupplier nanoTime) {
        this.err = err;
        this.enabled = enabled;
        this.columns = columns;
        this.label = label;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    @Override
    public void onProgress(long bytesSent, long totalBytes) {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            boolean last = bytesSent >= totalBytes;
            if (!last && lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < REDRAW_NANOS) {
                return;
            }
            lastDrawNanos = now;
            String line = frame(bytesSent, totalBytes, now - startNanos);
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            err.flush();
            lastWidth = line.length();
        }
    }

    /** Erases the bar, so the next output starts clean. */
    @Override
    public void close() {
        synchronized (lock) {
            if (lastWidth > 0) {
                err.print("\r" + " ".repeat(lastWidth) + "\r");
                err.flush();
                lastWidth = 0;
            }
        }
    }

    /** One frame within the width: {@code label [#####-----] 45% 12.3 MB of 27.1 MB, 3.2 MB/s, 5 s left}. */
    String frame(long sent, long total, long elapsedNanos) {
        double fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) sent / total));
        int filled = (int) Math.round(fraction * BAR_CELLS);
        String bar = " [" + "#".repeat(filled) + "-".repeat(BAR_CELLS - filled) + "]";
        double seconds = elapsedNanos / 1e9;
        String rate;
        String left;
        if (sent > 0 && seconds > 0) {
            double perSecond = sent / seconds;
            rate = ByteSizes.human((long) perSecond) + "/s";
            left = HumanDurations.format(Duration.ofMillis((long) Math.ceil((total - sent) / perSecond * 1000))) + " left";
        } else {
            rate = "-- /s";
            left = "-- left";
        }
        String tail = String.format(Locale.ROOT, " %d%% %s of %s, %s, %s", (int) Math.floor(fraction * 100),
                ByteSizes.human(sent), ByteSizes.human(total), rate, left);
        int width = columns - 1;
        if (label.length() + bar.length() + tail.length() <= width || Math.min(label.length(), 12) + bar.length() + tail.length() <= width) {
            return Progress.fit(label, bar + tail, width);
        }
        return Progress.fit(label, tail, width);
    }
}
