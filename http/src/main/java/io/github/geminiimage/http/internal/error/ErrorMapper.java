package io.github.geminiimage.http.internal.error;

import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.internal.retry.RetryHints;
import io.github.geminiimage.wire.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a non-2xx reply into the matching {@link ImageGenerationException}, in one place. The body
 * is read by wire's {@code ErrorBody} (Google's envelope and the shapes proxies send); an HTML page
 * is mapped by its status with its title. Which status becomes which exception is the table in the
 * README ("Errors"); a plain 400 is refined by what the body says (Google's {@code status}, a
 * numeric {@code code} or {@code type}, a well-known error word, reason {@code API_KEY_INVALID}).
 */
public final class ErrorMapper {

    /** At most this much of an error body is read: enough for any real error, bounded for hostile ones. */
    public static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private static final int MAX_MESSAGE_CHARS = 500;
    private static final Pattern TITLE_OPEN = Pattern.compile("(?i)<title");
    private static final Pattern TITLE_CLOSE = Pattern.compile("(?i)</title>");
    // A tag holds no '<': a stray one is text. Letting it match "<<<..." rescanned the rest of the
    // page from every '<' (quadratic: 19 s for the 64 KiB the port reads).
    private static final Pattern TAG = Pattern.compile("<[^<>]*>");
    private static final Pattern GOOGLE_STATUS = Pattern.compile("[A-Z][A-Z_]+");
    private static final Pattern KEY_REFUSED = Pattern.compile("(?i)api[ _-]?key\\b.*\\b(not valid|invalid|expired)"
            + "|\\b(invalid|incorrect|expired)\\b.*\\bapi[ _-]?key");

    private static final Map<String, Integer> GOOGLE_STATUS_CODES = Map.ofEntries(
            Map.entry("INVALID_ARGUMENT", 400), Map.entry("FAILED_PRECONDITION", 400), Map.entry("OUT_OF_RANGE", 400),
            Map.entry("UNAUTHENTICATED", 401), Map.entry("PERMISSION_DENIED", 403), Map.entry("NOT_FOUND", 404),
            Map.entry("ALREADY_EXISTS", 409), Map.entry("ABORTED", 409), Map.entry("RESOURCE_EXHAUSTED", 429),
            Map.entry("CANCELLED", 499), Map.entry("UNKNOWN", 500), Map.entry("INTERNAL", 500),
            Map.entry("DATA_LOSS", 500), Map.entry("UNIMPLEMENTED", 501), Map.entry("UNAVAILABLE", 503),
            Map.entry("DEADLINE_EXCEEDED", 504));

    // Error words of OpenAI-style and Anthropic-style gateways, lowercase.
    private static final Map<String, Integer> ERROR_WORDS = Map.ofEntries(
            Map.entry("authentication_error", 401), Map.entry("invalid_api_key", 401), Map.entry("unauthorized", 401),
            Map.entry("unauthenticated", 401), Map.entry("permission_error", 403), Map.entry("permission_denied", 403),
            Map.entry("forbidden", 403), Map.entry("not_found_error", 404), Map.entry("not_found", 404),
            Map.entry("model_not_found", 404), Map.entry("rate_limit_error", 429), Map.entry("rate_limit_exceeded", 429),
            Map.entry("too_many_requests", 429), Map.entry("insufficient_quota", 429),
            Map.entry("resource_exhausted", 429), Map.entry("overloaded_error", 503), Map.entry("overloaded", 503),
            Map.entry("service_unavailable", 503), Map.entry("api_error", 500), Map.entry("server_error", 500),
            Map.entry("internal_error", 500), Map.entry("invalid_request_error", 400), Map.entry("invalid_request", 400),
            Map.entry("bad_request", 400), Map.entry("request_too_large", 413));

    private static final Map<Integer, String> REASON_PHRASES = Map.ofEntries(
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(499, "Client Closed Request"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"));

    private ErrorMapper() {
    }

    /**
     * The mapped exception and what the retry logic needs from the reply.
     *
     * @param exception the exception for this attempt (attempt count already set)
     * @param retryHint how long the server asked to wait, if it said
     * @param quotaScope the quota hit, for a 429
     */
    public record Mapped(ImageGenerationException exception, Optional<Duration> retryHint, QuotaScope quotaScope) {
    }

    /**
     * Reads at most {@code maxBytes} of a body; the rest is left unread (the caller closes the
     * response, which discards the connection). A failure part-way keeps what was read.
     */
    public static byte[] readBounded(InputStream body, int maxBytes) {
        byte[] buffer = new byte[Math.min(maxBytes, 8192)];
        int length = 0;
        try {
            while (length < maxBytes) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(maxBytes, buffer.length * 2));
                }
                int n = body.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (IOException e) {
            // An error body that breaks off still has a status worth reporting; keep what arrived.
        }
        return Arrays.copyOf(buffer, length);
    }

    /**
     * Maps a non-2xx reply.
     *
     * @param httpStatus the reply's status
     * @param header the reply's headers, looked up case-insensitively
     * @param body the first bytes of the body (see {@link #readBounded})
     * @param redactor removes the key and payloads from anything kept
     * @param attempts the attempt this reply answered (1-based)
     * @param now the current time, for {@code Retry-After} dates
     */
    public static Mapped map(int httpStatus, Function<String, Optional<String>> header, byte[] body,
            Redactor redactor, int attempts, Instant now) {
        String text = new String(body, StandardCharsets.UTF_8);
        Optional<Envelope> envelope = parse(text);

        Optional<String> serverStatus = envelope.flatMap(Envelope::statusWord).map(s -> redactor.oneLine(s, 80));
        Optional<String> serverMessage = envelope.flatMap(e -> e.message).map(m -> redactor.oneLine(m, MAX_MESSAGE_CHARS))
                .filter(m -> !m.isEmpty());
        Optional<String> excerpt = text.isBlank() ? Optional.empty() : Optional.of(redactor.excerpt(text));
        ErrorDetails details = new ErrorDetails(httpStatus, serverStatus, serverMessage, attempts, excerpt);

        int status = effectiveStatus(httpStatus, envelope);
        boolean keyRefused = envelope.map(e -> e.reasons.contains("API_KEY_INVALID") || e.reasons.contains("API_KEY_EXPIRED")
                || e.message.filter(ErrorMapper::saysKeyRefused).isPresent()).orElse(false);
        Optional<Duration> hint = retryHint(header, envelope, now);
        QuotaScope scope = envelope.map(Envelope::quotaScope).orElse(QuotaScope.UNKNOWN);

        // "HTTP 429 RESOURCE_EXHAUSTED: <server message>", or for a non-JSON body
        // "HTTP 502 Bad Gateway: <page title or first words>".
        StringBuilder message = new StringBuilder("HTTP ").append(httpStatus);
        String words = serverMessage.isEmpty() && envelope.isEmpty() ? pageWords(text, redactor) : "";
        String phrase = REASON_PHRASES.get(httpStatus);
        if (serverStatus.isPresent()) {
            message.append(' ').append(serverStatus.get());
        } else if (phrase != null && serverMessage.isEmpty() && !words.contains(phrase)) {
            message.append(' ').append(phrase);
        }
        if (serverMessage.isPresent()) {
            message.append(": ").append(serverMessage.get());
        } else if (!words.isEmpty()) {
            message.append(": ").append(words);
        } else if (text.isBlank()) {
            message.append(" (empty body)");
        }

        ImageGenerationException exception;
        if (httpStatus >= 300 && httpStatus < 400) {
            // Redacted too: an echoing server can put the key anywhere, the host included.
            String target = header.apply("Location").map(ErrorMapper::origin).map(redactor::redact).orElse("an unknown location");
            exception = new TransportException("HTTP " + httpStatus + ": redirect to " + target
                    + " not followed (a redirect would carry the key); check the base URI", details, null, false);
        } else if (status == 401 || keyRefused && status == 400) {
            exception = new AuthenticationException(message + keyReasonSuffix(envelope), details);
        } else if (status == 403) {
            exception = new PermissionDeniedException(message.toString(), details);
        } else if (status == 404) {
            exception = new NotFoundException(message.toString(), details);
        } else if (status == 429 || status == 402) {
            StringBuilder suffix = new StringBuilder();
            hint.ifPresent(h -> suffix.append("retry after ").append(seconds(h)));
            if (scope != QuotaScope.UNKNOWN) {
                suffix.append(suffix.length() > 0 ? "; " : "").append(scope == QuotaScope.PER_DAY ? "per-day quota" : "per-minute quota");
            }
            if (suffix.length() > 0) {
                message.append(" (").append(suffix).append(')');
            }
            exception = new RateLimitedException(message.toString(), details, hint, scope);
        } else if (status == 408 || status >= 500 && status < 600) {
            exception = new ServerErrorException(message.toString(), details);
        } else if (status >= 400 && status < 500) {
            exception = new InvalidRequestException(message.toString(), details);
        } else {
            exception = new TransportException(message + " (unexpected HTTP status)", details, null, false);
        }
        return new Mapped(exception, hint, scope);
    }

    /**
     * Whether the message says the key was refused, judged on the part a caller is shown: the
     * pattern's ".*" rescans the line from every "api key", quadratic on a long message (5 s for
     * 64 KiB), so it never sees more than {@code MAX_MESSAGE_CHARS}.
     */
    private static boolean saysKeyRefused(String message) {
        String shown = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
        return KEY_REFUSED.matcher(shown).find();
    }

    private static String keyReasonSuffix(Optional<Envelope> envelope) {
        return envelope.filter(e -> e.reasons.contains("API_KEY_INVALID")).isPresent() ? " (API_KEY_INVALID)" : "";
    }

    /** The status that decides the exception: the HTTP one unless it is a plain 400 or unusual. */
    private static int effectiveStatus(int httpStatus, Optional<Envelope> envelope) {
        boolean specific = httpStatus == 401 || httpStatus == 402 || httpStatus == 403 || httpStatus == 404
                || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500 && httpStatus < 600
                || httpStatus >= 300 && httpStatus < 400;
        if (specific || envelope.isEmpty()) {
            return httpStatus;
        }
        OptionalInt fromBody = envelope.get().statusCode();
        return fromBody.isPresent() ? fromBody.getAsInt() : httpStatus;
    }

    private static Optional<Duration> retryHint(Function<String, Optional<String>> header, Optional<Envelope> envelope,
            Instant now) {
        Optional<Duration> hint = header.apply("Retry-After-Ms").flatMap(RetryHints::retryAfterMillis);
        if (hint.isEmpty()) {
            hint = header.apply("Retry-After").flatMap(v -> RetryHints.retryAfter(v, now));
        }
        if (hint.isEmpty()) {
            hint = envelope.flatMap(e -> e.retryDelay);
        }
        return hint;
    }

    /** The title of an HTML page, or the first words of a text body, redacted. */
    private static String pageWords(String text, Redactor redactor) {
        // Only the first "<title" can start a title: one pattern with a lazy ".*?" tried again
        // from every later "<title" (quadratic: 2.7 s for 64 KiB of unclosed titles).
        Matcher open = TITLE_OPEN.matcher(text);
        if (open.find()) {
            int start = text.indexOf('>', open.end());
            Matcher close = TITLE_CLOSE.matcher(text);
            if (start >= 0 && close.find(start + 1)) {
                return redactor.oneLine(text.substring(start + 1, close.start()), 120);
            }
        }
        return redactor.oneLine(TAG.matcher(text).replaceAll(" "), 120);
    }

    private static String origin(String location) {
        try {
            URI uri = URI.create(location.strip());
            if (uri.getHost() == null) {
                return "a path on the same host";
            }
            return (uri.getScheme() == null ? "" : uri.getScheme() + "://") + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "an unparseable location";
        }
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }

    // ---- body parsing -------------------------------------------------------------------------

    /** What an error body said, whatever its shape. */
    private record Envelope(Optional<String> message, Optional<String> status, Optional<Integer> code,
            Optional<String> codeWord, Optional<String> type, java.util.Set<String> reasons,
            Optional<Duration> retryDelay, QuotaScope quotaScope) {

        Optional<String> statusWord() {
            if (status.isPresent() && GOOGLE_STATUS.matcher(status.get()).matches()) {
                return status;
            }
            if (codeWord.isPresent()) {
                return codeWord;
            }
            if (type.isPresent() && !type.get().chars().allMatch(Character::isDigit)) {
                return type;
            }
            return status;
        }

        OptionalInt statusCode() {
            if (status.isPresent() && GOOGLE_STATUS_CODES.containsKey(status.get())) {
                return OptionalInt.of(GOOGLE_STATUS_CODES.get(status.get()));
            }
            if (code.isPresent() && code.get() >= 400 && code.get() < 600) {
                return OptionalInt.of(code.get());
            }
            if (type.isPresent() && type.get().matches("[45]\\d\\d")) {
                return OptionalInt.of(Integer.parseInt(type.get()));
            }
            for (Optional<String> word : java.util.List.of(codeWord, type)) {
                Integer known = word.map(w -> ERROR_WORDS.get(w.toLowerCase(Locale.ROOT))).orElse(null);
                if (known != null) {
                    return OptionalInt.of(known);
                }
            }
            return OptionalInt.empty();
        }
    }

    private static Optional<Envelope> parse(String text) {
        return ErrorBody.parse(text).map(body -> {
            boolean perDay = false;
            boolean perMinute = false;
            for (String quotaId : body.quotaIds()) {
                String id = quotaId.toLowerCase(Locale.ROOT).replace("_", "");
                perDay |= id.contains("perday");
                perMinute |= id.contains("perminute") || id.contains("persecond");
            }
            QuotaScope scope = perDay ? QuotaScope.PER_DAY : perMinute ? QuotaScope.PER_MINUTE : QuotaScope.UNKNOWN;
            return new Envelope(body.message(), body.status(), body.code(), body.codeWord(), body.type(), body.reasons(),
                    body.retryDelay().flatMap(RetryHints::protoDuration), scope);
        });
    }
}
