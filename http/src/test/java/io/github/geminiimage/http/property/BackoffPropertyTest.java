package io.github.geminiimage.http.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.ServerErrorException;
import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.internal.retry.RetryDecider;
import io.github.geminiimage.http.internal.retry.RetryHints;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;

/**
 * Backoff and hints are bounded whatever the policy, the attempt and the random draw: a delay is
 * never negative, never above its cap, and a retry never waits up to the deadline; every hint
 * parser is total (any text gives a bounded delay or nothing).
 */
class BackoffPropertyTest {

    @Property(tries = 1000)
    void backoffIsNeverNegativeNorAboveTheCap(@ForAll("policies") RetryPolicy policy, @ForAll int retry,
            @ForAll("draws") double draw) {
        Duration delay = new RetryDecider(policy, () -> draw).backoff(retry);

        assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(policy.maxDelay());
    }

    @Property(tries = 1000)
    void aRetryNeverWaitsPastTheDeadlineNorBeyondItsCap(@ForAll("policies") RetryPolicy policy,
            @ForAll @IntRange(min = 1, max = 100) int attempt, @ForAll("draws") double draw, @ForAll("instants") Instant now,
            @ForAll("durations") Duration budget, @ForAll("hints") Optional<Duration> hint, @ForAll boolean retryable) {
        Instant deadline = now.plus(budget);
        ServerErrorException failure = new ServerErrorException("HTTP 503", ErrorDetails.ofAttempts(attempt));
        RetryDecider.Decision decision = new RetryDecider(policy, () -> draw)
                .decide(new RetryDecider.Failure(failure, retryable, hint), attempt, now, deadline);

        if (decision instanceof RetryDecider.Retry retry) {
            Duration delay = retry.delay();
            assertThat(retryable).isTrue();
            assertThat(attempt).isLessThan(policy.maxAttempts());
            assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO)
                    .isLessThanOrEqualTo(hint.isPresent() ? policy.maxServerDelay() : policy.maxDelay());
            assertThat(now.plus(delay)).isBefore(deadline);
            hint.ifPresent(h -> assertThat(delay).isEqualTo(h));
        } else {
            assertThat(((RetryDecider.GiveUp) decision).exception()).isSameAs(failure);
        }
    }

    @Property(tries = 2000)
    void retryAfterParsingIsTotal(@ForAll("headerValues") String value, @ForAll("instants") Instant now) {
        requireBounded(RetryHints.retryAfter(value, now));
        requireBounded(RetryHints.retryAfterMillis(value));
        requireBounded(RetryHints.protoDuration(value));
    }

    @Property(tries = 500)
    void aDateInTheFutureIsHonouredUpToTheMaximum(@ForAll("recentInstants") Instant now, @ForAll("aheads") Duration ahead,
            @ForAll("dateFormats") DateTimeFormatter format) {
        // HTTP dates carry whole seconds; an RFC 850 date means one within 50 years of now.
        Instant date = now.plus(ahead).plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String header = format.format(ZonedDateTime.ofInstant(date, ZoneOffset.UTC));

        Optional<Duration> parsed = RetryHints.retryAfter(header, now);

        Duration expected = Duration.between(now, date);
        assertThat(parsed).as(header).contains(expected.compareTo(RetryHints.MAX_HINT) > 0 ? RetryHints.MAX_HINT : expected);
    }

    private static void requireBounded(Optional<Duration> hint) {
        hint.ifPresent(h -> assertThat(h).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(RetryHints.MAX_HINT));
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<RetryPolicy> policies() {
        return Combinators.combine(Arbitraries.integers().between(1, 20), durations(),
                Arbitraries.doubles().between(1, 1e6).ofScale(6).withSpecialValue(1.0).withSpecialValue(Double.MAX_VALUE),
                durations(), durations()).as((attempts, initial, multiplier, max, maxServer) ->
                        new RetryPolicy(attempts, initial, multiplier, max, maxServer, RetryPolicy.DEFAULT_RETRYABLE_STATUSES));
    }

    /** From nothing to centuries, with nanosecond remainders that do not fit a double exactly. */
    @Provide
    Arbitrary<Duration> durations() {
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 120)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 100_000_000L).withDistribution(RandomDistribution.uniform())),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 10_000_000_000L).withDistribution(RandomDistribution.uniform())));
        return Combinators.combine(seconds, Arbitraries.integers().between(0, 999_999_999)).as(Duration::ofSeconds);
    }

    /** Random draws as the contract says ([0, 1)), and the out-of-contract ones a bad source gives. */
    @Provide
    Arbitrary<Double> draws() {
        // Draws just below 1 give the largest delay, where rounding may overshoot the cap.
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, true, 1, false).ofScale(12),
                Arbitraries.integers().between(1, 64).map(k -> 1.0 - k * Math.ulp(0.5)),
                Arbitraries.of(0.0, Math.nextDown(1.0), 1.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY, 2.0));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Instant> recentInstants() {
        return Arbitraries.longs().between(0, 2_240_000_000L).map(Instant::ofEpochSecond);
    }

    /** Up to 40 years, with nanoseconds. */
    @Provide
    Arbitrary<Duration> aheads() {
        return Arbitraries.longs().between(0, 40L * 365 * 86_400 * 1_000_000_000).map(Duration::ofNanos);
    }

    @Provide
    Arbitrary<Optional<Duration>> hints() {
        return durations().optional();
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(80);
        Arbitrary<String> numeric = Arbitraries.strings().withChars("0123456789.-+eEsS \t").ofMaxLength(40);
        Arbitrary<String> dates = Combinators.combine(instants(), dateFormats()).as((i, f) -> f.format(ZonedDateTime.ofInstant(i, ZoneOffset.UTC)));
        Arbitrary<String> mangledDates = Combinators.combine(dates, Arbitraries.integers().between(0, 40),
                Arbitraries.chars()).as((d, at, c) -> d.isEmpty() ? d : d.substring(0, Math.min(at, d.length())) + c
                        + d.substring(Math.min(at, d.length())));
        return Arbitraries.oneOf(anything, numeric, dates, mangledDates);
    }

    @Provide
    Arbitrary<DateTimeFormatter> dateFormats() {
        return Arbitraries.of(DateTimeFormatter.RFC_1123_DATE_TIME,
                DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US),
                DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));
    }
}
