package io.github.geminiimage.emulator.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Durations as Google's messages say them ({@code 34.4} seconds) and as the control API reads them
 * ({@code "2s"}, {@code "500ms"}).
 */
public final class Durations {

    private Durations() {
    }

    static String seconds(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString();
    }

    /**
     * Parses {@code 2s}, {@code 1.5s}, {@code 500ms}, {@code 1m} or a bare number of seconds.
     *
     * @throws IllegalArgumentException naming the value and the forms accepted
     */
    public static Duration parse(String field, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration result;
            if (t.endsWith("ms")) {
                result = Duration.ofNanos(new BigDecimal(t.substring(0, t.length() - 2)).movePointRight(6).longValueExact());
            } else if (t.endsWith("s")) {
                result = Duration.ofNanos(new BigDecimal(t.substring(0, t.length() - 1)).movePointRight(9).longValueExact());
            } else if (t.endsWith("m")) {
                result = Duration.ofNanos(new BigDecimal(t.substring(0, t.length() - 1)).movePointRight(9)
                        .multiply(BigDecimal.valueOf(60)).longValueExact());
            } else {
                result = Duration.ofNanos(new BigDecimal(t).movePointRight(9).longValueExact());
            }
            if (result.isNegative()) {
                throw new IllegalArgumentException(field + ": \"" + text + "\" is negative; expected a duration such as 2s");
            }
            return result;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": \"" + text
                    + "\" is not a duration; expected e.g. 2s, 1.5s, 500ms, 1m or a number of seconds");
        }
    }
}
