package io.github.geminiimage.http.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.internal.error.ErrorMapper;
import io.github.geminiimage.http.internal.error.Redactor;
import io.github.geminiimage.http.internal.retry.RetryHints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The error mapper over any status, hint headers and body: it always answers with a typed
 * exception of the class the status promises, with a bounded excerpt, a bounded retry hint, and
 * never the key, however the server echoes it.
 */
class ErrorMapperFuzzTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Redactor REDACTOR = new Redactor(FuzzChecks.KEY);

    /**
     * The input is a text head line {@code status|Retry-After|Retry-After-Ms|Location} (empty
     * fields are absent headers), then a newline, then the body (at most what the port reads).
     */
    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "error.dict")
    void anyErrorReplyMapsToATypedExceptionWithoutTheKey(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String head = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.ISO_8859_1);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1,
                Math.min(input.length, newline + 1 + ErrorMapper.MAX_ERROR_BODY_BYTES));
        String[] fields = head.split("\\|", 4);
        int status = status(fields[0]);
        String[] headers = Arrays.copyOf(fields, 4);

        ErrorMapper.Mapped mapped = ErrorMapper.map(status, name -> header(headers, name), body, REDACTOR, 2, NOW);

        ImageGenerationException e = mapped.exception();
        if (e == null) {
            throw new AssertionError("no exception for HTTP " + status);
        }
        FuzzChecks.requireWellFormed(e);
        FuzzChecks.requireNoKey(e);
        if (e.attempts() != 2) {
            throw new AssertionError("attempts " + e.attempts() + " instead of 2");
        }
        mapped.retryHint().ifPresent(ErrorMapperFuzzTest::requireBounded);
        requireClassForStatus(status, e);
    }

    private static int status(String text) {
        String digits = text.strip();
        if (digits.matches("\\d{1,9}")) {
            int value = Integer.parseInt(digits);
            // Any status a transport could report, including the odd ones.
            return value % 1000;
        }
        return 500;
    }

    private static Optional<String> header(String[] fields, String name) {
        String value = switch (name.toLowerCase(Locale.ROOT)) {
            case "retry-after" -> fields[1];
            case "retry-after-ms" -> fields[2];
            case "location" -> fields[3];
            default -> null;
        };
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static void requireBounded(Duration hint) {
        if (hint.isNegative() || hint.compareTo(RetryHints.MAX_HINT) > 0) {
            throw new AssertionError("a retry hint out of bounds: " + hint);
        }
    }

    /** The statuses whose class does not depend on the body. */
    private static void requireClassForStatus(int status, ImageGenerationException e) {
        Class<? extends ImageGenerationException> expected = null;
        if (status >= 300 && status < 400) {
            expected = TransportException.class;
        } else if (status == 401) {
            expected = AuthenticationException.class;
        } else if (status == 403) {
            expected = PermissionDeniedException.class;
        } else if (status == 404) {
            expected = NotFoundException.class;
        } else if (status == 429 || status == 402) {
            expected = RateLimitedException.class;
        } else if (status == 408 || status >= 500 && status < 600) {
            expected = ServerErrorException.class;
        }
        if (expected != null && !expected.isInstance(e)) {
            throw new AssertionError("HTTP " + status + " mapped to " + e.getClass().getSimpleName());
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
