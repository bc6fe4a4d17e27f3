package io.github.geminiimage.http.internal.cassette;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    /** Binds request bodies to compare them member by member; thread-safe. */
    private static final Jsonb JSONB = JsonbBuilder.create();
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
        Optional<Object> myJson = json(mine);
        Optional<Object> theirJson = json(theirs);
        if (myJson.isPresent() && theirJson.isPresent()) {
            compare("", strip(theirJson.get(), "", volatileFields), strip(myJson.get(), "", volatileFields), out);
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

    /** The body as JSON-B binds any JSON: maps, lists, strings, numbers, booleans; empty if it is not JSON. */
    private static Optional<Object> json(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSONB.fromJson(trimmed, Object.class));
        } catch (JsonbException | IllegalStateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The value without members named in {@code fields} (a name anywhere, or a JSON pointer from the root). */
    private static Object strip(Object value, String pointer, Set<String> fields) {
        if (fields.isEmpty()) {
            return value;
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (Map.Entry<?, ?> member : object.entrySet()) {
                String name = (String) member.getKey();
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!fields.contains(name) && !fields.contains(child)) {
                    kept.put(name, strip(member.getValue(), child, fields));
                }
            }
            return kept;
        }
        if (value instanceof List<?> array) {
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                kept.add(strip(array.get(i), pointer + "/" + i, fields));
            }
            return kept;
        }
        return value;
    }

    private static void compare(String pointer, Object recorded, Object requested, List<String> out) {
        if (out.size() >= MAX_DIFFERENCES || Objects.equals(recorded, requested)) {
            return;
        }
        String where = "body " + (pointer.isEmpty() ? "/" : pointer);
        if (recorded instanceof Map<?, ?> a && requested instanceof Map<?, ?> b) {
            Set<String> names = new TreeSet<>();
            a.keySet().forEach(name -> names.add((String) name));
            b.keySet().forEach(name -> names.add((String) name));
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!a.containsKey(name)) {
                    out.add("body " + child + ": not recorded, requested " + quote(text(b.get(name))));
                } else if (!b.containsKey(name)) {
                    out.add("body " + child + ": recorded " + quote(text(a.get(name))) + ", not requested");
                } else {
                    compare(child, a.get(name), b.get(name), out);
                }
                if (out.size() >= MAX_DIFFERENCES) {
                    return;
                }
            }
            return;
        }
        if (recorded instanceof List<?> a && requested instanceof List<?> b) {
            if (a.size() != b.size()) {
                out.add(where + ": recorded " + a.size() + " elements, requested " + b.size());
                return;
            }
            for (int i = 0; i < a.size() && out.size() < MAX_DIFFERENCES; i++) {
                compare(pointer + "/" + i, a.get(i), b.get(i), out);
            }
            return;
        }
        out.add(where + ": recorded " + quote(text(recorded)) + ", requested " + quote(text(requested)));
    }

    /** A bound value as compact JSON text again. */
    private static String text(Object value) {
        return value == null ? "null" : JSONB.toJson(value);
    }

    private static String quote(String value) {
        return shorten(value.replace("\r", "\\r").replace("\n", "\\n"));
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
