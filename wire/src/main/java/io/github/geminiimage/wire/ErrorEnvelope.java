package io.github.geminiimage.wire;

import io.github.geminiimage.wire.internal.json.JsonDocuments;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The error body Google's APIs answer with: {@code {"error":{"code","message","status","details"}}},
 * {@code details} a list of {@code google.protobuf.Any} objects, each with its {@code @type}
 * (docs/wire-format.md, "Errors"). Immutable.
 *
 * @param code the HTTP status, e.g. 429
 * @param message the human-readable message
 * @param status the canonical status word, e.g. {@code RESOURCE_EXHAUSTED}
 * @param details the detail objects, in order; each map is written as it iterates
 */
public record ErrorEnvelope(int code, String message, String status, List<Map<String, Object>> details) {

    /** The prefix of every detail's {@code @type}. */
    public static final String TYPE_PREFIX = "type.googleapis.com/google.rpc.";

    /** Checks the components and copies the details. */
    public ErrorEnvelope {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        details = details.stream().map(d -> (Map<String, Object>) new LinkedHashMap<>(d)).toList();
    }

    /** An envelope without details. */
    public static ErrorEnvelope of(int code, String status, String message) {
        return new ErrorEnvelope(code, message, status, List.of());
    }

    /** This envelope with {@code detail} added last. */
    public ErrorEnvelope withDetail(Map<String, Object> detail) {
        List<Map<String, Object>> more = new ArrayList<>(details);
        more.add(detail);
        return new ErrorEnvelope(code, message, status, more);
    }

    /** A detail of type {@code google.rpc.<type>} with the given members after its {@code @type}. */
    public static Map<String, Object> detail(String type, Map<String, Object> members) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("@type", TYPE_PREFIX + type);
        detail.putAll(members);
        return detail;
    }

    /** {@code google.rpc.RetryInfo}: {@code {"retryDelay": "2s"}}. */
    public static Map<String, Object> retryInfo(Duration delay) {
        return detail("RetryInfo", Map.of("retryDelay", duration(delay)));
    }

    /** {@code google.rpc.ErrorInfo}: a reason such as {@code API_KEY_INVALID}, its domain and metadata. */
    public static Map<String, Object> errorInfo(String reason, String domain, Map<String, String> metadata) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("reason", reason);
        members.put("domain", domain);
        members.put("metadata", new LinkedHashMap<>(metadata));
        return detail("ErrorInfo", members);
    }

    /** A {@code google.protobuf.Duration} in its JSON form: seconds with up to nine decimals, then {@code s}. */
    public static String duration(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }

    /** The envelope as UTF-8 JSON: {@code {"error":{...}}}; no {@code details} member when there are none. */
    public byte[] toJson() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        if (!details.isEmpty()) {
            error.put("details", details);
        }
        return JsonDocuments.toJson(Map.of("error", error));
    }
}
