package io.github.geminiimage.http.internal.retry;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsers of the server's "wait this long" hints: {@code Retry-After} (seconds or an HTTP date),
 * {@code Retry-After-Ms} and Google's {@code RetryInfo.retryDelay} (a protobuf Duration such as
 * {@code "34.4s"}). Total: any input gives a duration between zero and {@link #MAX_HINT}, or
 * empty; nothing throws.
 */
public final class RetryHints {

    /** The longest hint kept; longer ones are cut to this (a hint is advice, not a contract). */
    public static final Duration MAX_HINT = Duration.ofDays(1);

    private static final int MAX_INPUT_CHARS = 64;
    private static final Pattern DECIMAL_SECONDS = Pattern.compile("\\d{1,15}(\\.\\d{0,9})?");
    private static final Pattern PROTO_DURATION = Pattern.compile("\\d{1,15}(\\.\\d{0,9})?s");
    // RFC 9110 allows three date forms; the two obsolete ones are still sent by old servers.
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private RetryHints() {
    }

    /**
     * A {@code Retry-After} value: delay-seconds (a fractional value is accepted, as some proxies
     * send one) or an HTTP date, taken relative to {@code now}; a date in the past means no wait.
     */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || now == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.isEmpty() || text.length() > MAX_INPUT_CHARS) {
            return Optional.empty();
        }
        if (DECIMAL_SECONDS.matcher(text).matches()) {
            return seconds(text);
        }
        return httpDate(text, now).map(date -> {
            Duration until = Duration.between(now, date);
            return until.isNegative() ? Duration.ZERO : bounded(until);
        });
    }

    /** A {@code Retry-After-Ms} value: milliseconds, whole or fractional. */
    public static Optional<Duration> retryAfterMillis(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.length() > MAX_INPUT_CHARS || !DECIMAL_SECONDS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            BigDecimal millis = new BigDecimal(text);
            BigDecimal nanos = millis.movePointRight(6);
            return Optional.of(boundedNanos(nanos));
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A protobuf Duration in its JSON form: seconds with up to nine fraction digits and a trailing {@code s}. */
    public static Optional<Duration> protoDuration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.length() > MAX_INPUT_CHARS || !PROTO_DURATION.matcher(text).matches()) {
            return Optional.empty();
        }
        return seconds(text.substring(0, text.length() - 1));
    }

    private static Optional<Duration> seconds(String decimal) {
        try {
            return Optional.of(boundedNanos(new BigDecimal(decimal).movePointRight(9)));
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration boundedNanos(BigDecimal nanos) {
        BigDecimal max = BigDecimal.valueOf(MAX_HINT.toNanos());
        if (nanos.compareTo(max) >= 0) {
            return MAX_HINT;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * The RFC 850 form, whose two-digit year RFC 9110 §5.6.7 reads as the year within 50 years of
     * now (a fixed 2000-2099 century made "Thursday, 01-Jan-70" 2070, a Wednesday: unparseable).
     */
    private static DateTimeFormatter rfc850(Instant now) {
        int year = now.atOffset(java.time.ZoneOffset.UTC).getYear();
        return new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, year - 49)
                .appendPattern(" HH:mm:ss zzz").toFormatter(Locale.US);
    }

    private static Duration bounded(Duration d) {
        return d.compareTo(MAX_HINT) > 0 ? MAX_HINT : d;
    }

    private static Optional<Instant> httpDate(String text, Instant now) {
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(now), ASCTIME}) {
            try {
                if (format == ASCTIME) {
                    // asctime carries no zone; HTTP dates are always GMT.
                    return Optional.of(java.time.LocalDateTime.parse(text, format).toInstant(java.time.ZoneOffset.UTC));
                }
                return Optional.of(ZonedDateTime.parse(text, format).toInstant());
            } catch (DateTimeException | ArithmeticException e) {
                // not this form; try the next
            }
        }
        return Optional.empty();
    }
}
