package io.github.geminiimage.http.internal.cassette;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a request is matched on: method, path, the query without its secret parameters, the
 * headers chosen for matching, and the body, whose JSON members named volatile are ignored. Two keys
 * match when {@link #differences} is empty; otherwise it says what differs, for the error that names
 * the closest recording.
 *
 * @param method the HTTP method
 * @param path the raw path
 * @param query the query pairs that count, in order
 * @param headers the matched headers' values by lower-case name
 * @param body the body (payloads by their SHA-256)
 */
record RequestKey(String method, String path, List<String> query, Map<String, String> headers, StoredBody body) {

    private static final int MAX_DIFFERENCES = 3;
    private static final int MAX_VALUE_CHARS = 80;

    RequestKey {
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The key of a recorded (or redacted incoming) request. */
    static RequestKey of(Documents.Request request, StoredBody body, Secrets secrets, Set<String> matchedHeaders) {
        List<String> query = new ArrayList<>();
        for (String pair : request.query() == null ? List.<String>of() : request.query()) {
            int eq = pair.indexOf('=');
            if (!secrets.ignoredInMatching(eq < 0 ? pair : pair.substring(0, eq))) {
                query.add(pair);
            }
        }
        Map<String, String> headers = new TreeMap<>();
        for (String header : request.headers() == null ? List.<String>of() : request.headers()) {
            String name = Documents.headerName(header).toLowerCase(Locale.ROOT);
            if (matchedHeaders.contains(name)) {
                headers.merge(name, Documents.headerValue(header), (a, b) -> a + ", " + b);
            }
        }
        return new RequestKey(request.method(), request.path(), query, headers, body);
    }

    /** How {@code recorded} differs from this (requested) key, at most a few items; empty if they match. */
    List<String> differences(RequestKey recorded, Set<String> volatileFields) {
        List<String> out = new ArrayList<>();
        if (!method.equals(recorded.method)) {
            out.add("method: recorded " + recorded.method + ", requested " + method);
        }
        if (!path.equals(recorded.path)) {
            out.add("path: recorded " + recorded.path + ", requested " + path);
        }
        if (!query.equals(recorded.query)) {
            out.add("query: recorded " + shorten(String.join("&", recorded.query)) + ", requested "
                    + shorten(String.join("&", query)));
        }
        Set<String> names = new TreeSet<>(headers.keySet());
        names.addAll(recorded.headers.keySet());
        for (String name : names) {
            if (!Objects.equals(headers.get(name), recorded.headers.get(name))) {
                out.add("header " + name + ": recorded " + recorded.headers.getOrDefault(name, "(none)") + ", requested "
                        + headers.getOrDefault(name, "(none)"));
            }
        }
        if (out.size() < MAX_DIFFERENCES) {
            bodyDifferences(recorded.body, volatileFields, out);
        }
        return out.size() > MAX_DIFFERENCES ? out.subList(0, MAX_DIFFERENCES) : out;
    }

    /** Whether {@code recorded} matches this key: the cheap parts first, the body only if they agree. */
    boolean matches(RequestKey recorded, Set<String> volatileFields) {
        return method.equals(recorded.method) && path.equals(recorded.path) && query.equals(recorded.query)
                && headers.equals(recorded.headers) && differences(recorded, volatileFields).isEmpty();
    }

    /** How far apart two keys are, for picking the closest recording: method and path weigh most. */
    int distance(RequestKey recorded, List<String> differences) {
        int d = differences.size();
        if (!method.equals(recorded.method)) {
            d += 100;
        }
        if (!path.equals(recorded.path)) {
            d += 50;
        }
        return d;
    }

    /** {@code METHOD path?query} for messages (secret parameters already out). */
    String describe() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + shorten(String.join("&", query)));
    }

    private void bodyDifferences(StoredBody recorded, Set<String> volatileFields, List<String> out) {
        String mine = comparable(body);
        String theirs = comparable(recorded);
        if (mine.equals(theirs) && volatileFields.isEmpty()) {
            return;
        }
        JsonValue myJson = json(mine);
        JsonValue theirJson = json(theirs);
        if (myJson != null && theirJson != null) {
            compare("", strip(theirJson, "", volatileFields), strip(myJson, "", volatileFields), out);
            return;
        }
        if (mine.equals(theirs)) {
            return;
        }
        if (body instanceof StoredBody.Binary || recorded instanceof StoredBody.Binary) {
            out.add("body: recorded " + summary(recorded) + ", requested " + summary(body));
            return;
        }
        String[] a = theirs.split("\n", -1);
        String[] b = mine.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end)";
            String y = i < b.length ? b[i] : "(end)";
            if (!x.equals(y)) {
                out.add("body line " + (i + 1) + ": recorded " + quote(x) + ", requested " + quote(y));
                return;
            }
        }
    }

    private static String summary(StoredBody body) {
        if (body instanceof StoredBody.Binary binary) {
            return binary.bytes() + " bytes sha256:" + binary.sha256().substring(0, 12);
        }
        return body.bytes() + " bytes of " + (body instanceof StoredBody.Empty ? "nothing" : "text");
    }

    /** The body as text, each payload as a token naming its digest (inside its JSON string, so JSON stays JSON). */
    private static String comparable(StoredBody body) {
        if (body instanceof StoredBody.Binary binary) {
            return "binary sha256:" + binary.sha256();
        }
        if (!(body instanceof StoredBody.Text text)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (StoredBody.Segment segment : text.segments()) {
            if (segment instanceof StoredBody.Literal literal) {
                out.append(literal.text());
            } else {
                StoredBody.Payload payload = (StoredBody.Payload) segment;
                out.append("<").append(payload.decodedBytes()).append(" bytes sha256:").append(payload.sha256()).append('>');
            }
        }
        return out.toString();
    }

    private static JsonValue json(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(trimmed))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** The value without members named in {@code fields} (a name anywhere, or a JSON pointer from the root). */
    private static JsonValue strip(JsonValue value, String pointer, Set<String> fields) {
        if (fields.isEmpty()) {
            return value;
        }
        if (value instanceof JsonObject object) {
            var builder = Json.createObjectBuilder();
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                String child = pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
                if (!fields.contains(member.getKey()) && !fields.contains(child)) {
                    builder.add(member.getKey(), strip(member.getValue(), child, fields));
                }
            }
            return builder.build();
        }
        if (value instanceof JsonArray array) {
            var builder = Json.createArrayBuilder();
            for (int i = 0; i < array.size(); i++) {
                builder.add(strip(array.get(i), pointer + "/" + i, fields));
            }
            return builder.build();
        }
        return value;
    }

    private static void compare(String pointer, JsonValue recorded, JsonValue requested, List<String> out) {
        if (out.size() >= MAX_DIFFERENCES || recorded.equals(requested)) {
            return;
        }
        String where = "body " + (pointer.isEmpty() ? "/" : pointer);
        if (recorded instanceof JsonObject a && requested instanceof JsonObject b) {
            Set<String> names = new TreeSet<>(a.keySet());
            names.addAll(b.keySet());
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!a.containsKey(name)) {
                    out.add("body " + child + ": not recorded, requested " + quote(b.get(name).toString()));
                } else if (!b.containsKey(name)) {
                    out.add("body " + child + ": recorded " + quote(a.get(name).toString()) + ", not requested");
                } else {
                    compare(child, a.get(name), b.get(name), out);
                }
                if (out.size() >= MAX_DIFFERENCES) {
                    return;
                }
            }
            return;
        }
        if (recorded instanceof JsonArray a && requested instanceof JsonArray b) {
            if (a.size() != b.size()) {
                out.add(where + ": recorded " + a.size() + " elements, requested " + b.size());
                return;
            }
            for (int i = 0; i < a.size() && out.size() < MAX_DIFFERENCES; i++) {
                compare(pointer + "/" + i, a.get(i), b.get(i), out);
            }
            return;
        }
        out.add(where + ": recorded " + quote(recorded.toString()) + ", requested " + quote(requested.toString()));
    }

    private static String quote(String value) {
        return shorten(value.replace("\r", "\\r").replace("\n", "\\n"));
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
