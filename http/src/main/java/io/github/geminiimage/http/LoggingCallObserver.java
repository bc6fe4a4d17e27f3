package io.github.geminiimage.http;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link CallObserver} that writes what each call sends and receives through the JDK's
 * {@link System.Logger} (which SLF4J 2, Log4j 2 or {@code java.util.logging} can back), or as text
 * lines for a console: requests, replies and successful calls at {@code DEBUG}, headers at
 * {@code TRACE}, retries and failed calls at {@code INFO}, each line starting with
 * {@code [call N]}; the README's "Seeing what is sent" shows them. Never a key, a token, a prompt or
 * an image: the events it formats are redacted by the port. Thread-safe; share one between ports.
 */
public final class LoggingCallObserver implements CallObserver {

    /** The logger {@link #create()} writes to. */
    public static final String LOGGER_NAME = "io.github.geminiimage.http.calls";

    /** Where the lines go, and which levels are wanted. */
    private interface Sink {
        boolean enabled(Level level);

        void write(Level level, String line);
    }

    private final Sink sink;

    private LoggingCallObserver(Sink sink) {
        this.sink = sink;
    }

    /** Writes to the {@link System.Logger} named {@value #LOGGER_NAME}. */
    public static LoggingCallObserver create() {
        return to(System.getLogger(LOGGER_NAME));
    }

    /**
     * Writes to {@code logger}, each line at the level listed above.
     *
     * @param logger the logger; its level decides what is written
     * @return the observer
     */
    public static LoggingCallObserver to(System.Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return new LoggingCallObserver(new Sink() {
            @Override
            public boolean enabled(Level level) {
                return logger.isLoggable(level);
            }

            @Override
            public void write(Level level, String line) {
                logger.log(level, line);
            }
        });
    }

    /**
     * Hands every line, of every level, to {@code lines}: e.g. {@code System.err::println} for a
     * command line's {@code --verbose}. Called on the thread doing the work, one line per call.
     *
     * @param lines receives each line, without a line separator
     * @return the observer
     */
    public static LoggingCallObserver lines(Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        return new LoggingCallObserver(new Sink() {
            @Override
            public boolean enabled(Level level) {
                return true;
            }

            @Override
            public void write(Level level, String line) {
                lines.accept(line);
            }
        });
    }

    @Override
    public void requestSent(RequestSent event) {
        if (sink.enabled(Level.DEBUG)) {
            sink.write(Level.DEBUG, prefix(event.callId()) + event.operation() + " attempt " + event.attempt() + ": "
                    + event.method() + " " + event.uri()
                    + (event.bodyBytes() > 0 ? ", body " + size(event.bodyBytes()) : ", no body"));
        }
        if (sink.enabled(Level.TRACE)) {
            for (Map.Entry<String, String> header : event.headers()) {
                sink.write(Level.TRACE, prefix(event.callId()) + "> " + header.getKey() + ": " + header.getValue());
            }
        }
    }

    @Override
    public void responseReceived(ResponseReceived event) {
        if (sink.enabled(Level.DEBUG)) {
            sink.write(Level.DEBUG, prefix(event.callId()) + "< " + event.status() + " after " + duration(event.elapsed()));
        }
        if (sink.enabled(Level.TRACE)) {
            for (Map.Entry<String, String> header : event.headers()) {
                sink.write(Level.TRACE, prefix(event.callId()) + "< " + header.getKey() + ": " + header.getValue());
            }
        }
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        if (sink.enabled(Level.INFO)) {
            sink.write(Level.INFO, prefix(event.callId()) + event.operation() + ": attempt " + event.nextAttempt()
                    + " in " + duration(event.delay()) + ", after " + failure(event.cause()));
        }
    }

    @Override
    public void callCompleted(CallCompleted event) {
        Level level = event.succeeded() ? Level.DEBUG : Level.INFO;
        if (!sink.enabled(level)) {
            return;
        }
        String attempts = event.attempts() + (event.attempts() == 1 ? " attempt" : " attempts");
        String traffic = "sent " + size(event.bytesSent()) + ", received " + size(event.bytesReceived());
        String status = event.httpStatus().isPresent() ? "HTTP " + event.httpStatus().getAsInt() + ", " : "";
        sink.write(level, prefix(event.callId()) + event.operation()
                + (event.succeeded() ? " done: " : " failed: " + failure(event.failure().get()) + "; ")
                + status + attempts + ", " + traffic + " in " + duration(event.duration()));
    }

    private static String prefix(long callId) {
        return "[call " + callId + "] ";
    }

    private static String failure(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    /** A byte count as people write it: {@code 512 B}, {@code 1.5 KiB}, {@code 24.0 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** A duration as people write it: {@code 850 ms}, {@code 2.5 s}, {@code 3 min 20 s}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    @Override
    public String toString() {
        return "LoggingCallObserver";
    }
}
