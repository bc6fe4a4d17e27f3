package io.github.geminiimage.http.internal.retry;

import static io.github.geminiimage.wire.RandomInputs.chance;
import static io.github.geminiimage.wire.RandomInputs.check;
import static io.github.geminiimage.wire.RandomInputs.oneOf;
import static io.github.geminiimage.wire.RandomInputs.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.wire.RandomInputs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backoff and hints are bounded whatever the policy, the attempt and the random draw: a delay is
 * never negative, never above its cap, and a retry never waits up to the deadline; every hint
 * parser is total (any text gives a bounded delay or nothing). Randomized: see {@link RandomInputs}.
 */
class BackoffBoundsTest {

    private static final DateTimeFormatter[] DATE_FORMATS = {DateTimeFormatter.RFC_1123_DATE_TIME,
        DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US),
        DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)};

    static LongStream thousandSeeds() {
        return RandomInputs.seeds(1000);
    }

    static LongStream twoThousandSeeds() {
        return RandomInputs.seeds(2000);
    }

    static LongStream fiveHundredSeeds() {
        return RandomInputs.seeds(500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("thousandSeeds")
    void backoffIsNeverNegativeNorAboveTheCap(long seed) {
        check(seed, random -> {
            RetryPolicy policy = policy(random);
            int retry = retry(random);
            double draw = draw(random);

            Duration delay = new RetryDecider(policy, () -> draw).backoff(retry);

            assertThat(delay).as("%s, retry %d, draw %s", policy, retry, draw)
                    .isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(policy.maxDelay());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("thousandSeeds")
    void aRetryNeverWaitsPastTheDeadlineNorBeyondItsCap(long seed) {
        check(seed, random -> {
            RetryPolicy policy = policy(random);
            int attempt = random.nextInt(1, 101);
            double draw = draw(random);
            Instant now = RandomInputs.instant(random);
            Instant deadline = now.plus(RandomInputs.duration(random));
            Optional<Duration> hint = chance(random, 0.5) ? Optional.of(RandomInputs.duration(random)) : Optional.empty();
            boolean retryable = random.nextBoolean();
            ServerErrorException failure = new ServerErrorException("HTTP 503", ErrorDetails.ofAttempts(attempt));

            RetryDecider.Decision decision = new RetryDecider(policy, () -> draw)
                    .decide(new RetryDecider.Failure(failure, retryable, hint), attempt, now, deadline);

            String where = policy + ", attempt " + attempt + ", draw " + draw + ", now " + now + ", deadline " + deadline
                    + ", hint " + hint + ", retryable " + retryable;
            if (decision instanceof RetryDecider.Retry retry) {
                Duration delay = retry.delay();
                assertThat(retryable).as(where).isTrue();
                assertThat(attempt).as(where).isLessThan(policy.maxAttempts());
                assertThat(delay).as(where).isGreaterThanOrEqualTo(Duration.ZERO)
                        .isLessThanOrEqualTo(hint.isPresent() ? policy.maxServerDelay() : policy.maxDelay());
                assertThat(now.plus(delay)).as(where).isBefore(deadline);
                hint.ifPresent(h -> assertThat(delay).as(where).isEqualTo(h));
            } else {
                assertThat(((RetryDecider.GiveUp) decision).exception()).as(where).isSameAs(failure);
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("twoThousandSeeds")
    void retryAfterParsingIsTotal(long seed) {
        check(seed, random -> {
            String value = headerValue(random);
            Instant now = RandomInputs.instant(random);

            requireBounded(RetryHints.retryAfter(value, now), value);
            requireBounded(RetryHints.retryAfterMillis(value), value);
            requireBounded(RetryHints.protoDuration(value), value);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fiveHundredSeeds")
    void aDateInTheFutureIsHonouredUpToTheMaximum(long seed) {
        check(seed, random -> {
            Instant now = Instant.ofEpochSecond(random.nextLong(2_240_000_001L));
            Duration ahead = Duration.ofNanos(random.nextLong(40L * 365 * 86_400 * 1_000_000_000 + 1));
            DateTimeFormatter format = oneOf(random, DATE_FORMATS);
            // HTTP dates carry whole seconds; an RFC 850 date means one within 50 years of now.
            Instant date = now.plus(ahead).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            String header = format.format(ZonedDateTime.ofInstant(date, ZoneOffset.UTC));

            Optional<Duration> parsed = RetryHints.retryAfter(header, now);

            Duration expected = Duration.between(now, date);
            assertThat(parsed).as(header + " at " + now)
                    .contains(expected.compareTo(RetryHints.MAX_HINT) > 0 ? RetryHints.MAX_HINT : expected);
        });
    }

    private static void requireBounded(Optional<Duration> hint, String value) {
        hint.ifPresent(h -> assertThat(h).as("hint from '%s'", value)
                .isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(RetryHints.MAX_HINT));
    }

    // ---- inputs ------------------------------------------------------------------------------

    private static RetryPolicy policy(SplittableRandom random) {
        double multiplier = switch (weighted(random, 8, 1, 1)) {
            case 0 -> Math.round(random.nextDouble(1, 1e6) * 1e6) / 1e6;
            case 1 -> 1.0;
            default -> Double.MAX_VALUE;
        };
        return new RetryPolicy(random.nextInt(1, 21), RandomInputs.duration(random), multiplier, RandomInputs.duration(random),
                RandomInputs.duration(random), RetryPolicy.DEFAULT_RETRYABLE_STATUSES);
    }

    /** Any int, small ones and the edges often. */
    private static int retry(SplittableRandom random) {
        return switch (weighted(random, 4, 3, 1)) {
            case 0 -> random.nextInt(0, 101);
            case 1 -> random.nextInt();
            default -> oneOf(random, Integer.MIN_VALUE, -1, 0, 1, 62, 63, 64, Integer.MAX_VALUE);
        };
    }

    /** Random draws as the contract says ([0, 1)), and the out-of-contract ones a bad source gives. */
    private static double draw(SplittableRandom random) {
        // Draws just below 1 give the largest delay, where rounding may overshoot the cap.
        return switch (random.nextInt(3)) {
            case 0 -> random.nextDouble();
            case 1 -> 1.0 - random.nextInt(1, 65) * Math.ulp(0.5);
            default -> oneOf(random, 0.0, Math.nextDown(1.0), 1.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY, 2.0);
        };
    }

    /** Anything, numbers and near-numbers, HTTP dates in each form, and dates with a character slipped in. */
    private static String headerValue(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> RandomInputs.chars(random, 80);
            case 1 -> RandomInputs.string(random, "0123456789.-+eEsS \t", 0, 40);
            case 2 -> date(random);
            default -> {
                String date = date(random);
                int at = Math.min(random.nextInt(41), date.length());
                yield date.substring(0, at) + (char) random.nextInt(0x10000) + date.substring(at);
            }
        };
    }

    private static String date(SplittableRandom random) {
        return oneOf(random, DATE_FORMATS).format(ZonedDateTime.ofInstant(RandomInputs.instant(random), ZoneOffset.UTC));
    }
}
