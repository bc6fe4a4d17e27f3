package io.github.geminiimage.cli.internal;

import java.time.Duration;
import java.util.Locale;

/** HumanDurations as people read them: {@code 2 s}, {@code 0.5 s}, {@code 1 min 30 s}, {@code 2 h 5 min}; never {@code PT2S}. */
final class HumanDurations {

    private HumanDurations() {
    }

    /** {@code duration} in the largest units that keep it exact to a tenth of a second below a minute. */
    static String format(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            double seconds = millis / 1000.0;
            return (millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", seconds)) + " s";
        }
        long totalSeconds = (millis + 500) / 1000;
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds % 3600 / 60;
        long seconds = totalSeconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h");
        }
        if (minutes > 0) {
            text.append(text.length() > 0 ? " " : "").append(minutes).append(" min");
        }
        if (seconds > 0 && hours == 0) {
            text.append(text.length() > 0 ? " " : "").append(seconds).append(" s");
        }
        return text.toString();
    }

    /** Rewrites ISO-8601 durations such as {@code PT2S} or {@code PT1M30.5S} inside a message. */
    static String humanize(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bPT(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?\\b")
                .matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String iso = m.group();
            String replacement = iso;
            if (iso.length() > 2) {
                try {
                    replacement = format(Duration.parse(iso));
                } catch (java.time.format.DateTimeParseException e) {
                    replacement = iso;
                }
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
