package io.github.geminiimage.wire;

import io.github.geminiimage.wire.internal.json.JsonDocuments;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an error reply's body said, whatever its shape: Google's envelope (see {@link ErrorEnvelope},
 * its writer) or one of the shapes intermediaries and proxies send (listed on {@link #parse(String)}). Only
 * reads; what the fields mean is the caller's. Immutable.
 *
 * @param message the human-readable message
 * @param status {@code error.status} as sent (Google's canonical word, or a proxy's)
 * @param code a numeric {@code code} (a number, or a string of three digits)
 * @param codeWord a {@code code} that is a word ({@code "rate_limit_exceeded"})
 * @param type {@code error.type} as sent
 * @param reasons every {@code ErrorInfo.reason} among the details
 * @param retryDelay the first {@code RetryInfo.retryDelay}, as a proto duration text ({@code "2.5s"})
 * @param quotaIds every {@code QuotaFailure} violation's {@code quotaId}
 * @param errorObject whether the body held an {@code error} object, as Google's envelope does
 */
public record ErrorBody(Optional<String> message, Optional<String> status, Optional<Integer> code,
        Optional<String> codeWord, Optional<String> type, Set<String> reasons, Optional<String> retryDelay,
        Set<String> quotaIds, boolean errorObject) {

    /** Brackets nest no deeper than this in any real error body; a deeper one is not parsed. */
    public static final int MAX_DEPTH = 32;

    /** Copies the sets. */
    public ErrorBody {
        reasons = Set.copyOf(reasons);
        quotaIds = Set.copyOf(quotaIds);
    }

    /**
     * The body read, or empty if it is not JSON of an error shape (an HTML page, nested too deep).
     * Read besides Google's envelope: the envelope wrapped in a one-element array or re-wrapped as a
     * string inside {@code error.message} by an intermediary, {@code {"error":"..."}},
     * {@code {"error":{"message","type","code"}}} and {@code {"message","code"}}.
     */
    public static Optional<ErrorBody> parse(String text) {
        return parse(text, 0);
    }

    private static Optional<ErrorBody> parse(String text, int level) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[') || tooDeep(trimmed)) {
            return Optional.empty();
        }
        try {
            Object root = JsonDocuments.bind(trimmed.getBytes(StandardCharsets.UTF_8), Object.class, "an error body");
            return body(root, level);
        } catch (RuntimeException e) {
            // Not JSON after all (or a shape no branch expected): the caller falls back to the status.
            return Optional.empty();
        }
    }

    private static Optional<ErrorBody> body(Object root, int level) {
        Object value = root;
        if (value instanceof List<?> array) {
            // A one-element array wraps the object when the endpoint streams without alt=sse.
            if (array.isEmpty()) {
                return Optional.empty();
            }
            value = array.get(0);
        }
        if (!(value instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        Object error = object.get("error");
        if (error instanceof String s) {
            return Optional.of(simple(Optional.of(s), string(object, "status"), object.get("code"), string(object, "type")));
        }
        if (!(error instanceof Map<?, ?> e)) {
            Optional<String> message = string(object, "message").or(() -> string(object, "detail"))
                    .or(() -> string(object, "error_description"));
            if (message.isEmpty() && !object.containsKey("code") && !object.containsKey("status")) {
                return Optional.empty();
            }
            return Optional.of(simple(message, string(object, "status"), object.get("code"), Optional.empty()));
        }
        Optional<String> message = string(e, "message");
        if (message.isPresent() && level < 2) {
            // An intermediary re-wrapped Google's JSON as a string: the inner envelope says more.
            Optional<ErrorBody> inner = parse(message.get(), level + 1);
            if (inner.isPresent() && inner.get().message.isPresent()) {
                ErrorBody in = inner.get();
                ErrorBody outer = fromErrorObject(e, Optional.empty());
                return Optional.of(new ErrorBody(in.message, in.status.or(() -> outer.status),
                        in.code.or(() -> outer.code), in.codeWord.or(() -> outer.codeWord), in.type.or(() -> outer.type),
                        in.reasons, in.retryDelay, in.quotaIds, true));
            }
        }
        return Optional.of(fromErrorObject(e, message));
    }

    private static ErrorBody simple(Optional<String> message, Optional<String> status, Object code, Optional<String> type) {
        return new ErrorBody(message, status, intCode(code), wordCode(code), type, Set.of(), Optional.empty(), Set.of(),
                false);
    }

    private static ErrorBody fromErrorObject(Map<?, ?> e, Optional<String> message) {
        Set<String> reasons = new HashSet<>();
        Set<String> quotaIds = new HashSet<>();
        Optional<String> retryDelay = Optional.empty();
        if (e.get("details") instanceof List<?> details) {
            for (Object detail : details) {
                if (!(detail instanceof Map<?, ?> d)) {
                    continue;
                }
                string(d, "reason").ifPresent(reasons::add);
                if (retryDelay.isEmpty()) {
                    retryDelay = delay(d.get("retryDelay"));
                }
                if (d.get("violations") instanceof List<?> violations) {
                    for (Object violation : violations) {
                        if (violation instanceof Map<?, ?> v) {
                            string(v, "quotaId").ifPresent(quotaIds::add);
                        }
                    }
                }
            }
        }
        return new ErrorBody(message, string(e, "status"), intCode(e.get("code")), wordCode(e.get("code")),
                string(e, "type"), reasons, retryDelay, quotaIds, true);
    }

    /** A {@code retryDelay} as proto duration text: the string form, or the object form {seconds, nanos}. */
    private static Optional<String> delay(Object value) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Map<?, ?> o && o.get("seconds") != null) {
            // The proto's object form, sent by some gateways.
            Object secondsValue = o.get("seconds");
            String seconds = secondsValue instanceof BigDecimal n ? n.toPlainString() : secondsValue.toString();
            long nanos = o.get("nanos") instanceof BigDecimal n ? n.longValue() : 0;
            if (nanos < 0 || nanos > 999_999_999) {
                return Optional.empty();
            }
            return Optional.of(seconds + "." + String.format(Locale.ROOT, "%09d", nanos) + "s");
        }
        return Optional.empty();
    }

    private static Optional<Integer> intCode(Object code) {
        if (code instanceof BigDecimal n && n.scale() == 0) {
            try {
                return Optional.of(n.intValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        if (code instanceof String s && s.matches("\\d{3}")) {
            return Optional.of(Integer.parseInt(s));
        }
        return Optional.empty();
    }

    private static Optional<String> wordCode(Object code) {
        if (code instanceof String s && !s.isBlank() && !s.matches("\\d+")) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    private static Optional<String> string(Map<?, ?> object, String name) {
        return object.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static boolean tooDeep(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
