package io.github.geminiimage.emulator.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reading request JSON as Google's front end does: each member under its camelCase or its
 * snake_case name (the proto3 JSON rule), unknown members refused with Google's 400.
 */
final class JsonMembers {

    private JsonMembers() {
    }

    /** Parses a request body that must be one JSON object; anything else is Google's 400. */
    static JsonObject parseObject(byte[] body) {
        if (body.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Jsons.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiError.invalidArgument("Invalid JSON payload received. Expected an object.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw ApiError.invalidArgument("Invalid JSON payload received. " + e.getMessage());
        } catch (JsonException e) {
            throw ApiError.invalidArgument("Invalid JSON payload received. " + e.getMessage());
        }
    }

    /** The snake_case spelling of a camelCase name. */
    static String snake(String camel) {
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

    /** The member under either spelling. */
    static Optional<JsonValue> member(JsonObject object, String camel) {
        JsonValue value = object.get(camel);
        if (value == null) {
            value = object.get(snake(camel));
        }
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(value);
    }

    static Optional<JsonObject> object(JsonObject object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalidValue(where + "." + camel, v);
            }
            return v.asJsonObject();
        });
    }

    static List<JsonValue> array(JsonObject object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw invalidValue(where + "." + camel, v);
            }
            return (List<JsonValue>) (JsonArray) v;
        }).orElse(List.of());
    }

    static Optional<String> string(JsonObject object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw invalidValue(where + "." + camel, v);
            }
            return ((JsonString) v).getString();
        });
    }

    static Optional<Double> number(JsonObject object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v instanceof JsonNumber n) {
                return n.doubleValue();
            }
            if (v instanceof JsonString s) {
                try {
                    return Double.parseDouble(s.getString());
                } catch (NumberFormatException e) {
                    throw invalidValue(where + "." + camel, v);
                }
            }
            throw invalidValue(where + "." + camel, v);
        });
    }

    static Optional<Integer> integer(JsonObject object, String camel, String where) {
        return number(object, camel, where).map(d -> {
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw ApiError.invalidArgument("Invalid value at '" + snake(where + "." + camel) + "' (TYPE_INT32), " + d);
            }
            return d.intValue();
        });
    }

    static boolean bool(JsonObject object, String camel, String where) {
        return member(object, camel).map(v -> {
            if (v.getValueType() == JsonValue.ValueType.TRUE) {
                return true;
            }
            if (v.getValueType() == JsonValue.ValueType.FALSE) {
                return false;
            }
            throw invalidValue(where + "." + camel, v);
        }).orElse(false);
    }

    /** Refuses a member that is not one of {@code known} (in either spelling), as Google's front end does. */
    static void requireKnown(JsonObject object, Set<String> known, String where) {
        for (String name : object.keySet()) {
            if (!known.contains(name) && known.stream().noneMatch(k -> snake(k).equals(name))) {
                throw ApiError.invalidArgument("Invalid JSON payload received. Unknown name \"" + name + "\""
                        + (where.isEmpty() ? "" : " at '" + snake(where) + "'") + ": Cannot find field.");
            }
        }
    }

    static ApiError invalidValue(String where, JsonValue value) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return ApiError.invalidArgument("Invalid value at '" + snake(where) + "', " + shown);
    }
}
