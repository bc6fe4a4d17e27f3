package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.http.CallObserver;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line on stderr while a call runs: a spinner, the elapsed time and the retry the call
 * is in, redrawn in place ({@code \r}) ten times a second. Shown only when stderr is a terminal; on
 * a pipe or a file it writes nothing at all. Also the {@link CallObserver} the HTTP port tells about
 * attempts and retries. Thread-safe: the port may call it from its own threads.
 */
public final class Progress implements CallObserver, AutoCloseable {

    private static final String SPINNER = "|/-\\";

    private final PrintStream err;
    private final boolean enabled;
    private final Object lock = new Object();
    private ScheduledExecutorService ticker;
    private String label = "";
    private long startNanos;
    private int frame;
    private int lastWidth;
    private String retry = "";

    /**
     * @param err where to draw
     * @param enabled whether stderr is a terminal; when false every method does nothing visible
     */
    public Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Starts showing {@code label}; the first frame is drawn at once. */
    public void start(String newLabel) {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            label = newLabel;
            retry = "";
            startNanos = System.nanoTime();
            draw();
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "gemini-image-progress");
                    thread.setDaemon(true);
                    return thread;
                });
                ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Erases the line, so the next output starts clean. */
    public void stop() {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            label = "";
            erase();
        }
    }

    @Override
    public void close() {
        stop();
        synchronized (lock) {
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
            }
        }
    }

    @Override
    public void attemptStarted(AttemptStarted event) {
        int attempt = event.attempt();
        synchronized (lock) {
            retry = attempt > 1 ? "attempt " + attempt : "";
            redrawNow();
        }
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        int nextAttempt = event.nextAttempt();
        Duration delay = event.delay();
        Throwable cause = event.cause();
        synchronized (lock) {
            retry = String.format(Locale.ROOT, "retry %d in %.1fs after %s", nextAttempt - 1,
                    delay.toMillis() / 1000.0, reason(cause));
            redrawNow();
        }
    }

    /** A retry is news: shown at once, not at the next tick (a short wait may end before it). */
    private void redrawNow() {
        if (enabled && !label.isEmpty()) {
            draw();
        }
    }

    private void tick() {
        synchronized (lock) {
            if (!label.isEmpty()) {
                draw();
            }
        }
    }

    private void draw() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%c %s %.1fs%s", SPINNER.charAt(frame++ % SPINNER.length()), label,
                seconds, retry.isEmpty() ? "" : " (" + retry + ")");
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    private void erase() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private static String reason(Throwable cause) {
        if (cause instanceof ImageGenerationException failure && failure.httpStatus().isPresent()) {
            return "HTTP " + failure.httpStatus().getAsInt();
        }
        return cause == null ? "a failure" : cause.getClass().getSimpleName();
    }
}
