package io.github.geminiimage.emulator.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control API's documents under {@code /emulator/v1} (the emulator's own, not the Gemini API's):
 * records bound with JSON-B. A body is read as Google's front end reads a request, so that a test in
 * any language meets the same rules: each member under its camelCase or snake_case name, an unknown
 * member refused, a value of the wrong type refused naming the member and the value.
 */
final class ControlJson {

    /** Thread-safe and costly to build: one for the process. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private ControlJson() {
    }

    // ---- bodies ------------------------------------------------------------------------------

    /** {@code POST outcomes}: each item an outcome name or an {@link OutcomeItem}. */
    public record OutcomesBody(List<Object> outcomes) {
    }

    /**
     * An outcome with parameters: {@code {"outcome": "rate-limited", "retryAfter": "2s", "delay": "1s"}},
     * {@code {"outcome": "image", "imageBytes": 8000}}.
     */
    public record OutcomeItem(String outcome, String retryAfter, String delay, Integer imageBytes) {
    }

    /** {@code POST rules}: each item a {@link RuleItem}. */
    public record RulesBody(List<Object> rules) {
    }

    /** A standing rule: an outcome in {@link OutcomeItem}'s form and the rule's own members. */
    public record RuleItem(String outcome, String retryAfter, String delay, Integer imageBytes, String promptContains,
            Boolean firstAttemptOnly, String dribble, Boolean discardBody) {
    }

    /** {@code POST file-processing}: how many reads see a later upload {@code PROCESSING}, and why it fails, if it does. */
    public record FileProcessing(Integer reads, String failure) {
    }

    /** {@code POST batch-failures}: each item a {@link BatchFailure}. */
    public record BatchFailures(List<Object> failures) {
    }

    /** The outcome a batch request with this key gets. */
    public record BatchFailure(String key, String outcome) {
    }

    /** {@code POST upload-faults}. */
    public record UploadFaults(Integer cutNextChunkAfter, Integer failNextChunks) {
    }

    // ---- replies -----------------------------------------------------------------------------

    /** What {@code POST outcomes} queued, and how many wait in all. */
    @JsonbPropertyOrder({"queued", "pending"})
    public record Queued(int queued, int pending) {
    }

    /** What {@code POST rules} added. */
    public record Added(int added) {
    }

    /** {@code GET requests}. */
    public record RequestLog(List<LoggedRequest> requests) {
    }

    /** One request as the log shows it: never image bytes or keys. */
    @JsonbPropertyOrder({"time", "method", "path", "model", "prompt", "imageCount", "imageSizes", "status"})
    public record LoggedRequest(String time, String method, String path, String model, String prompt, int imageCount,
            List<Long> imageSizes, int status) {
    }

    /** The empty reply, {@code {}}. */
    public record Empty() {
    }

    // ---- binding -----------------------------------------------------------------------------

    /** {@code document} as compact UTF-8 JSON, absent members left out. */
    static byte[] write(Record document) {
        return JSONB.toJson(document).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a body (an empty one is {@code {}}) as one {@code type}.
     *
     * @throws ApiError the 400 for a body that is not one JSON object or not shaped like {@code type}
     */
    static <T extends Record> T read(byte[] body, Class<T> type) {
        return bind(object(body), type, "");
    }

    /**
     * Like {@link #read}, members {@code type} does not have ignored: the outcomes body always took
     * whatever else a client sent beside {@code outcomes}.
     */
    static <T extends Record> T readIgnoringUnknown(byte[] body, Class<T> type) {
        Map<?, ?> object = new LinkedHashMap<>(object(body));
        object.keySet().removeIf(name -> component(type.getRecordComponents(), String.valueOf(name)) == null);
        return bind(object, type, "");
    }

    private static Map<?, ?> object(byte[] body) {
        Object value;
        try {
            value = body.length == 0 ? Map.of() : JSONB.fromJson(new ByteArrayInputStream(body), Object.class);
        } catch (JsonbException e) {
            throw ApiError.invalidArgument("Invalid JSON payload received. " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw ApiError.invalidArgument("Invalid JSON payload received. Expected an object.");
        }
        return object;
    }

    /**
     * Binds a JSON object read as part of a body ({@link #read} leaves {@code List<Object>} items as
     * maps) to {@code type}; {@code where} names it in messages.
     *
     * @throws ApiError the 400 for an unknown member or a value of the wrong type
     */
    static <T extends Record> T bind(Map<?, ?> object, Class<T> type, String where) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Object> members = new LinkedHashMap<>();
        for (Map.Entry<?, ?> member : object.entrySet()) {
            String name = String.valueOf(member.getKey());
            RecordComponent component = component(components, name);
            if (component == null) {
                throw ApiError.invalidArgument("Invalid JSON payload received. Unknown name \"" + name + "\""
                        + (where.isEmpty() ? "" : " at '" + snake(where) + "'") + ": Cannot find field.");
            }
            if (member.getValue() != null) {
                String field = where.isEmpty() ? component.getName() : where + "." + component.getName();
                members.put(component.getName(), checked(component.getType(), member.getValue(), field));
            }
        }
        try {
            return JSONB.fromJson(JSONB.toJson(members), type);
        } catch (JsonbException e) {
            throw ApiError.invalidArgument("Invalid JSON payload received. " + e.getMessage());
        }
    }

    /** A value as JSON, cut to 80 characters, for messages. */
    static String show(Object value) {
        String shown = JSONB.toJson(value);
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }

    private static RecordComponent component(RecordComponent[] components, String name) {
        for (RecordComponent component : components) {
            if (component.getName().equals(name) || snake(component.getName()).equals(name)) {
                return component;
            }
        }
        return null;
    }

    /** {@code value} if it suits {@code type}: a string, a 32-bit integer (a number or a numeric string), a boolean, a list. */
    private static Object checked(Class<?> type, Object value, String field) {
        if (type == String.class && !(value instanceof String)) {
            throw invalidValue(field, value);
        }
        if (List.class.isAssignableFrom(type) && !(value instanceof List)) {
            throw invalidValue(field, value);
        }
        if (type == Boolean.class && !(value instanceof Boolean)) {
            throw invalidValue(field, value);
        }
        if (type == Integer.class) {
            BigDecimal number;
            try {
                number = value instanceof BigDecimal n ? n : new BigDecimal(((String) value).trim());
            } catch (ClassCastException | NumberFormatException e) {
                throw invalidValue(field, value);
            }
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw ApiError.invalidArgument("Invalid value at '" + snake(field) + "' (TYPE_INT32), " + show(value));
            }
        }
        return value;
    }

    private static ApiError invalidValue(String field, Object value) {
        return ApiError.invalidArgument("Invalid value at '" + snake(field) + "', " + show(value));
    }

    /** The snake_case spelling of a camelCase name. */
    private static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
