package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.CallObserver;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line on stderr while a call runs: a spinner, the elapsed time and the retry the call
 * is in, redrawn in place ({@code \r}) ten times a second, cut to the terminal's width (a wrapped
 * line cannot be redrawn in place and leaves a trail). Shown only when stderr is a terminal; on a
 * pipe or a file it writes only one line per retry, so a long wait (a 429's delay) is explained.
 * Also the {@link CallObserver} the HTTP port tells about attempts and retries. Thread-safe: the
 * port may call it from its own threads.
 */
public final class Progress implements CallObserver, AutoCloseable {

    private static final String SPINNER = "|/-\\";

    private final PrintStream err;
    private final boolean enabled;
    private final int columns;
    private final Object lock = new Object();
    private ScheduledExecutorService ticker;
    private String label = "";
    private long startNanos;
    private int frame;
    private int lastWidth;
    private String retry = "";
    /** The model's thought text so far (its end is what is shown), empty when not thinking. */
    private final StringBuilder thought = new StringBuilder();

    /**
     * @param err where to draw
     * @param enabled whether stderr is a terminal; when false only retries are told, one line each
     * @param columns the terminal's width; the line is kept shorter than it
     */
    public Progress(PrintStream err, boolean enabled, int columns) {
        this.err = err;
        this.enabled = enabled;
        this.columns = columns;
    }

    /** Starts showing {@code label}; the first frame is drawn at once. */
    public void start(String newLabel) {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            label = newLabel;
            retry = "";
            thought.setLength(0);
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

    /**
     * Shows the model's thoughts (a streamed call's thought text delta) in place of the label: the
     * latest words, cut to the terminal's width, whitespace folded so nothing wraps.
     */
    public void thought(String delta) {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            thought.append(delta.replaceAll("\\s+", " "));
            if (thought.length() > 4 * columns) {
                thought.delete(0, thought.length() - 2 * columns);
            }
            redrawNow();
        }
    }

    /** The answer began: the label comes back in place of the thoughts. */
    public void thoughtsDone() {
        if (!enabled) {
            return;
        }
        synchronized (lock) {
            if (thought.length() > 0) {
                thought.setLength(0);
                redrawNow();
            }
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
            retry = "retry " + (nextAttempt - 1) + " in " + HumanDurations.format(delay) + " after " + reason(cause);
            if (!enabled) {
                err.println("gemini-image: " + event.modelId().orElse(event.operation()) + ": " + retry);
                err.flush();
                return;
            }
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
        String tail = String.format(Locale.ROOT, " %.1f s%s", seconds, retry.isEmpty() ? "" : " (" + retry + ")");
        char spinner = SPINNER.charAt(frame++ % SPINNER.length());
        String line = thought.length() > 0 ? fitEnd(spinner + " thinking: ", thought.toString().strip(), tail, columns - 1)
                : fit(spinner + " " + label, tail, columns - 1);
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    /** The head and tail within {@code width}: the label is shortened first, the elapsed time and retry kept. */
    static String fit(String head, String tail, int width) {
        if (head.length() + tail.length() <= width) {
            return head + tail;
        }
        int room = width - tail.length();
        if (room >= 6) {
            return head.substring(0, room - 3) + "..." + tail;
        }
        String line = head.charAt(0) + tail;
        return line.length() <= width ? line : line.substring(0, width);
    }

    /** The prefix, the end of {@code text} and the tail within {@code width}: the newest words are kept. */
    static String fitEnd(String prefix, String text, String tail, int width) {
        int room = width - prefix.length() - tail.length();
        if (text.length() <= room) {
            return prefix + text + tail;
        }
        if (room >= 6) {
            return prefix + "..." + text.substring(text.length() - (room - 3)) + tail;
        }
        return fit(prefix, tail, width);
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
