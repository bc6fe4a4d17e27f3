package io.github.geminiimage.http.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.geminiimage.http.internal.retry.RetryHints;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The hint parsers over any header value or {@code RetryInfo.retryDelay} string: total, each gives
 * a delay between zero and {@link RetryHints#MAX_HINT} or nothing, and never throws.
 */
class RetryHintsFuzzTest {

    private static final Instant[] NOWS = {Instant.parse("2026-03-01T12:00:00Z"), Instant.EPOCH,
        Instant.parse("9999-12-31T23:59:59Z")};

    /** The same text through {@code Retry-After}, {@code Retry-After-Ms} and the protobuf Duration parser. */
    @FuzzTest(maxDuration = "10m")
    void anyRetryHintIsBoundedOrAbsent(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (Instant now : NOWS) {
            RetryHints.retryAfter(text, now).ifPresent(ErrorMapperFuzzTest::requireBounded);
        }
        // Header values arrive as ISO-8859-1 from some clients: the same bytes, other characters.
        RetryHints.retryAfter(new String(input, StandardCharsets.ISO_8859_1), NOWS[0])
                .ifPresent(ErrorMapperFuzzTest::requireBounded);
        RetryHints.retryAfterMillis(text).ifPresent(ErrorMapperFuzzTest::requireBounded);
        RetryHints.protoDuration(text).ifPresent(ErrorMapperFuzzTest::requireBounded);
    }
}
