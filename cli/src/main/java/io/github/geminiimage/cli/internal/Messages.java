package io.github.geminiimage.cli.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where the command line turns what the library says into what people read: every
 * duration in a message as {@link HumanDurations#format} writes it ({@code PT20S} and
 * {@code retry after 2.500s} become {@code 20 s} and {@code retry after 2.5 s}), every count of a
 * kibibyte or more as {@link ByteSizes#human} writes it ({@code 67108864 bytes} becomes
 * {@code 64 MB}). Stateless.
 */
final class Messages {

    private static final Pattern SECONDS = Pattern.compile("\\b(retry after|after|in) (\\d+(?:\\.\\d+)?)s\\b");
    private static final Pattern BYTES = Pattern.compile("\\b(\\d{4,}) bytes\\b");

    private Messages() {
    }

    /** {@code message} with its durations and byte counts written as people write them. */
    static String humanize(String message) {
        String text = HumanDurations.humanize(message == null ? "" : message);
        text = replace(SECONDS, text, m -> m.group(1) + " " + HumanDurations.format(Duration.ofMillis(
                Math.round(Double.parseDouble(m.group(2)) * 1000))));
        return replace(BYTES, text, m -> {
            long bytes = Long.parseLong(m.group(1));
            return bytes < 1024 ? m.group() : ByteSizes.human(bytes);
        });
    }

    /** {@code message} on one line and {@link #humanize humanized}, for a one-line error. */
    static String oneLine(String message) {
        return humanize(message == null ? "" : message.replaceAll("[\\r\\n]+", " ").strip());
    }

    private interface Replacement {
        String of(Matcher match);
    }

    private static String replace(Pattern pattern, String text, Replacement replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            try {
                value = replacement.of(m);
            } catch (RuntimeException e) {
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
