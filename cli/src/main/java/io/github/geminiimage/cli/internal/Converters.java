package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.AuthScheme;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters whose messages list what is accepted. */
final class Converters {

    private Converters() {
    }

    /** {@code fake}, {@code jdk}, {@code httpclient5}. */
    static final class TransportConverter implements ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            for (Transport transport : Transport.values()) {
                if (transport.optionName().equalsIgnoreCase(value.trim())) {
                    return transport;
                }
            }
            throw new TypeConversionException("\"" + value + "\" is not one of fake, jdk, httpclient5");
        }
    }

    /** {@code google}, {@code bearer}, {@code raw}. */
    static final class AuthConverter implements ITypeConverter<AuthScheme> {
        @Override
        public AuthScheme convert(String value) {
            try {
                return AuthScheme.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("\"" + value + "\" is not one of " + AuthScheme.WORDS);
            }
        }
    }

    /** The fake's outcomes by their command-line names. */
    static final class FakeOutcomeConverter implements ITypeConverter<FakeOutcome> {
        @Override
        public FakeOutcome convert(String value) {
            try {
                return FakeOutcome.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1m30s}, {@code 500ms}, {@code 1h}, or ISO-8601 {@code PT2M}; a bare number is refused. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Duration duration;
            try {
                duration = parse(text);
            } catch (NumberFormatException | ArithmeticException e) {
                duration = null;
            }
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("\"" + value + "\" is not a positive duration such as 90s, 5m or 1m30s");
            }
            return duration;
        }

        private static Duration parse(String text) {
            if (text.matches("\\d+")) {
                // "--timeout 5" could mean seconds or minutes: a wrong guess fails a paid call, so ask.
                throw new TypeConversionException("\"" + text + "\" has no unit: write " + text + "s for seconds or "
                        + text + "m for minutes");
            }
            if (text.startsWith("pt") || text.startsWith("p")) {
                try {
                    return Duration.parse(text.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            Matcher m = PART.matcher(text);
            Duration total = Duration.ZERO;
            int end = 0;
            while (m.find()) {
                if (m.start() != end) {
                    return null;
                }
                long amount = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        total = total.plusMillis(amount);
                        break;
                    case "h":
                        total = total.plusHours(amount);
                        break;
                    case "m":
                        total = total.plusMinutes(amount);
                        break;
                    default:
                        total = total.plusSeconds(amount);
                }
                end = m.end();
            }
            return end == text.length() && end > 0 ? total : null;
        }
    }
}
