package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.internal.json.JsonDocuments;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading a request's small objects (bound by JSON-B as maps, lists, strings, {@link BigDecimal}s
 * and booleans) as Google's front end reads them: each member under its camelCase or its
 * snake_case name (proto3 JSON), a value of the wrong type or an unknown member refused with the
 * API's 400 message, which names the field in snake_case (docs/wire-format.md, "Requests").
 */
public final class ProtoFields {

    private static final int SHOWN = 80;

    private ProtoFields() {
    }

    /** The API's 400 with exactly {@code message}. */
    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, ErrorDetails.NONE);
    }

    /** The snake_case spelling of a camelCase name. */
    public static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The member under either spelling; a JSON null is absent. */
    public static Optional<Object> member(Map<?, ?> object, String camel) {
        Object value = object.get(camel);
        if (value == null) {
            value = object.get(snake(camel));
        }
        return Optional.ofNullable(value);
    }

    /** The member as an object; a value of another type is refused naming {@code where.camel}. */
    public static Optional<Map<?, ?>> object(Map<?, ?> object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v instanceof Map<?, ?> map) {
                return map;
            }
            throw invalidValue(where + "." + camel, v);
        });
    }

    /** The member as an array, empty when absent; a value of another type is refused. */
    public static List<?> array(Map<?, ?> object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v instanceof List<?> list) {
                return list;
            }
            throw invalidValue(where + "." + camel, v);
        }).orElse(List.of());
    }

    /** The member as a string; a value of another type is refused. */
    public static Optional<String> string(Map<?, ?> object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v instanceof String s) {
                return s;
            }
            throw invalidValue(where + "." + camel, v);
        });
    }

    /** A number, given as a JSON number or, as proto3 JSON allows, a string. */
    public static Optional<Double> number(Map<?, ?> object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v instanceof BigDecimal n) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw invalidValue(where + "." + camel, v);
                }
            }
            throw invalidValue(where + "." + camel, v);
        });
    }

    /** The member as a whole number in int range (a JSON number or a string); else the API's TYPE_INT32 400. */
    public static Optional<Integer> integer(Map<?, ?> object, String camel, String where) {
        return number(object, camel, where).map(d -> {
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw invalid("Invalid value at '" + snake(where + "." + camel) + "' (TYPE_INT32), " + d);
            }
            return d.intValue();
        });
    }

    /** The member as a boolean, false when absent; a value of another type is refused. */
    public static boolean bool(Map<?, ?> object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v instanceof Boolean b) {
                return b;
            }
            throw invalidValue(where + "." + camel, v);
        }).orElse(false);
    }

    /** Refuses a member that is not one of {@code known} (in either spelling), as Google's front end does. */
    public static void requireKnown(Map<?, ?> object, Set<String> known, String where) {
        for (Object key : object.keySet()) {
            String name = String.valueOf(key);
            if (!known.contains(name) && known.stream().noneMatch(k -> snake(k).equals(name))) {
                throw invalid("Invalid JSON payload received. Unknown name \"" + name + "\""
                        + (where.isEmpty() ? "" : " at '" + snake(where) + "'") + ": Cannot find field.");
            }
        }
    }

    /** {@code Invalid value at 'field', VALUE}, the value as JSON cut to 80 characters. */
    public static InvalidRequestException invalidValue(String where, Object value) {
        String shown = new String(JsonDocuments.toJson(value), StandardCharsets.UTF_8);
        if (shown.length() > SHOWN) {
            shown = shown.substring(0, SHOWN) + "...";
        }
        return invalid("Invalid value at '" + snake(where) + "', " + shown);
    }
}
