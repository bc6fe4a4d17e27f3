package io.github.geminiimage.http.internal.cassette;

import io.github.geminiimage.http.HttpRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What never reaches a cassette: keys and tokens in headers and in the query, and resumable upload
 * session ids. Each value it sees is remembered, so the same secret is also removed wherever it
 * shows up later (an error body quoting the URL, a failure message). An upload id is replaced by a
 * stable placeholder ({@code session-1}, ...) rather than blanked, so the chunks of one upload still
 * match their recordings on replay. Thread-safe.
 */
final class Secrets {

    /** What replaces a secret value in a header or a text. */
    static final String REDACTED = "[redacted]";
    /** What replaces a secret value in a query, where brackets would not make a valid URL. */
    static final String REDACTED_PARAM = "REDACTED";
    /** The query parameter that names a resumable upload session. */
    static final String UPLOAD_ID = "upload_id";

    private static final Pattern PLACEHOLDER = Pattern.compile("session-\\d+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");
    private static final Pattern BEARER = Pattern.compile("(?i)^\\s*(?:bearer|token)\\s+(.+)$");
    private static final int SHORTEST_SECRET = 6;

    private final Set<String> secretHeaders;
    private final Set<String> secretParameters;
    private final List<String> known = new ArrayList<>();
    private final Map<String, String> uploadIds = new LinkedHashMap<>();
    private int nextSession;

    /**
     * Redaction for headers named {@code secretHeaders} (lower case) besides those a request marks
     * sensitive, and query parameters named {@code secretParameters} (lower case, besides
     * {@code upload_id}); placeholders continue after {@code sessionsSoFar}.
     */
    Secrets(Set<String> secretHeaders, Set<String> secretParameters, int sessionsSoFar) {
        this.secretHeaders = Set.copyOf(secretHeaders);
        this.secretParameters = Set.copyOf(secretParameters);
        this.nextSession = sessionsSoFar + 1;
    }

    /** The highest placeholder number in {@code text}, 0 if none. */
    static int highestSession(String text) {
        int highest = 0;
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String digits = m.group().substring("session-".length());
            if (digits.length() < 9) {
                highest = Math.max(highest, Integer.parseInt(digits));
            }
        }
        return highest;
    }

    /** Whether {@code name} (a query parameter) holds a secret that matching leaves out. */
    boolean ignoredInMatching(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return secretParameters.contains(lower);
    }

    /** Learns the secrets {@code request} carries: its sensitive and secret headers' values, its secret query values. */
    void learn(HttpRequest request) {
        for (Map.Entry<String, String> header : request.headers()) {
            if (isSecretHeader(request, header.getKey())) {
                remember(header.getValue());
                Matcher bearer = BEARER.matcher(header.getValue());
                if (bearer.matches()) {
                    remember(bearer.group(1).trim());
                }
            }
        }
        String query = request.uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (name.equalsIgnoreCase(UPLOAD_ID)) {
                    placeholder(decode(value));
                } else if (ignoredInMatching(name)) {
                    remember(decode(value));
                    remember(value);
                }
            }
        }
    }

    /** Whether the header's value is a secret: marked sensitive by the request or named secret. */
    boolean isSecretHeader(HttpRequest request, String name) {
        return request.isSensitive(name) || secretHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The raw query as {@code name=value} strings, secret values replaced; empty without a query. */
    List<String> query(String rawQuery) {
        List<String> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String decoded = decode(name);
            if (eq >= 0 && decoded.equalsIgnoreCase(UPLOAD_ID)) {
                out.add(name + "=" + placeholder(decode(pair.substring(eq + 1))));
            } else if (eq >= 0 && ignoredInMatching(decoded)) {
                out.add(name + "=" + REDACTED_PARAM);
            } else {
                out.add(text(pair));
            }
        }
        return out;
    }

    /** A URL with its secret query values replaced (upload ids by their placeholders). */
    String url(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return text(url);
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        return text(url.substring(0, q)) + "?" + String.join("&", query(query)) + (hash < 0 ? "" : text(url.substring(hash)));
    }

    /** {@code text} with every known secret replaced, upload ids by their placeholders, URLs' secret parameters too. */
    String text(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String result = text;
        synchronized (this) {
            for (Map.Entry<String, String> upload : uploadIds.entrySet()) {
                result = result.replace(upload.getKey(), upload.getValue());
                String encoded = URLEncoder.encode(upload.getKey(), StandardCharsets.UTF_8);
                if (!encoded.equals(upload.getKey())) {
                    result = result.replace(encoded, upload.getValue());
                }
            }
            for (String secret : known) {
                result = result.replace(secret, REDACTED);
            }
        }
        if (result.contains("://") && result.contains("?")) {
            result = URL.matcher(result).replaceAll(m -> Matcher.quoteReplacement(urlParameters(m.group())));
        }
        return result;
    }

    private String urlParameters(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            pairs.add(eq >= 0 && ignoredInMatching(name) ? pair.substring(0, eq) + "=" + REDACTED_PARAM : pair);
        }
        return url.substring(0, q + 1) + String.join("&", pairs);
    }

    private synchronized String placeholder(String uploadId) {
        if (uploadId.isEmpty() || PLACEHOLDER.matcher(uploadId).matches()) {
            return uploadId;
        }
        return uploadIds.computeIfAbsent(uploadId, id -> "session-" + nextSession++);
    }

    private synchronized void remember(String secret) {
        if (secret == null || secret.length() < SHORTEST_SECRET || secret.equals(REDACTED) || secret.equals(REDACTED_PARAM)
                || known.contains(secret)) {
            return;
        }
        known.add(secret);
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (!encoded.equals(secret)) {
            known.add(encoded);
        }
        // Longest first, so that a secret containing another is replaced whole.
        known.sort((a, b) -> Integer.compare(b.length(), a.length()));
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
