package io.github.geminiimage.http.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryHintsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void retryAfterInSeconds() {
        assertThat(RetryHints.retryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryHints.retryAfter(" 120 ", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryHints.retryAfter("1.234", NOW)).contains(Duration.ofMillis(1234));
        assertThat(RetryHints.retryAfter("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDateInEachOfItsThreeForms() {
        assertThat(RetryHints.retryAfter("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryHints.retryAfter("Sunday, 01-Mar-26 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryHints.retryAfter("Sun Mar  1 12:00:30 2026", NOW)).contains(Duration.ofSeconds(30));
    }

    /** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the most recent such year in the past. */
    @Test
    void aTwoDigitYearIsReadWithinFiftyYearsOfNow() {
        assertThat(RetryHints.retryAfter("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).as("1994").contains(Duration.ZERO);
        assertThat(RetryHints.retryAfter("Thursday, 01-Jan-70 00:00:00 GMT", Instant.parse("2000-01-01T00:00:00Z")))
                .as("1970").contains(Duration.ZERO);
        assertThat(RetryHints.retryAfter("Wednesday, 01-Jan-70 00:00:00 GMT", NOW)).as("2070").contains(RetryHints.MAX_HINT);
        assertThat(RetryHints.retryAfter("Sunday, 01-Mar-76 12:00:00 GMT", NOW)).as("2076: 50 years ahead, not more")
                .contains(RetryHints.MAX_HINT);
        assertThat(RetryHints.retryAfter("Tuesday, 01-Mar-77 12:00:00 GMT", NOW)).as("1977").contains(Duration.ZERO);
        assertThat(RetryHints.retryAfter("Monday, 01-Mar-76 12:00:00 GMT", Instant.parse("1999-01-01T00:00:00Z")))
                .as("1976").contains(Duration.ZERO);
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryHints.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void hugeValuesAreBounded() {
        assertThat(RetryHints.retryAfter("999999999999999", NOW)).contains(RetryHints.MAX_HINT);
        assertThat(RetryHints.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).contains(RetryHints.MAX_HINT);
        assertThat(RetryHints.retryAfterMillis("999999999999999")).contains(RetryHints.MAX_HINT);
        assertThat(RetryHints.protoDuration("315576000000s")).contains(RetryHints.MAX_HINT);
    }

    @Test
    void garbageIsEmpty() {
        for (String bad : new String[] {"", " ", "-1", "soon", "1e3", "0x10", "NaN", "Infinity", "1,5", "2 s",
            "Sun, 32 Mar 2026 12:00:30 GMT", "1".repeat(100)}) {
            assertThat(RetryHints.retryAfter(bad, NOW)).as(bad).isEmpty();
        }
        assertThat(RetryHints.retryAfter(null, NOW)).isEmpty();
        assertThat(RetryHints.retryAfterMillis(null)).isEmpty();
        assertThat(RetryHints.retryAfterMillis("-5")).isEmpty();
        assertThat(RetryHints.protoDuration(null)).isEmpty();
    }

    @Test
    void retryAfterMillis() {
        assertThat(RetryHints.retryAfterMillis("1234")).contains(Duration.ofMillis(1234));
        assertThat(RetryHints.retryAfterMillis("0.5")).contains(Duration.ofNanos(500_000));
    }

    @Test
    void protobufDurations() {
        assertThat(RetryHints.protoDuration("34.4s")).contains(Duration.ofMillis(34_400));
        assertThat(RetryHints.protoDuration("57.238747106s")).contains(Duration.ofSeconds(57, 238_747_106));
        assertThat(RetryHints.protoDuration("1s")).contains(Duration.ofSeconds(1));
        assertThat(RetryHints.protoDuration("0.000000001s")).contains(Duration.ofNanos(1));
        assertThat(RetryHints.protoDuration("-1s")).isEmpty();
        assertThat(RetryHints.protoDuration("34.4")).isEmpty();
        assertThat(RetryHints.protoDuration("1.0000000001s")).isEmpty();
    }

    @Test
    void everyParserIsTotalAndBoundedOnRandomInput() {
        Random random = new Random(20260301);
        String alphabet = "0123456789.,:- sSGMTabcdefghijklmnopqrstuvwxyzMonTueWedThuFriSatSunJanFebMarAprDec\u0000\u00e9\ud83d";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            for (Optional<Duration> d : java.util.List.of(RetryHints.retryAfter(s, NOW), RetryHints.retryAfterMillis(s),
                    RetryHints.protoDuration(s))) {
                d.ifPresent(v -> assertThat(v).as(s).isBetween(Duration.ZERO, RetryHints.MAX_HINT));
            }
        }
    }
}
