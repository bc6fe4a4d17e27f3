package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.internal.error.Redactor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an observer may see of an exchange: the URI and headers with every secret replaced by
 * {@link Redactor#REDACTED}. Credential headers are blanked by name whatever their value, so a
 * secret the redactor does not know (a proxy's cookie) is not shown either.
 */
final class Shown {

    /** Headers whose values are secrets by their nature, in either direction. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization",
            "x-goog-api-key", "cookie", "set-cookie", "x-goog-upload-url", "x-goog-upload-control-url");

    private Shown() {
    }

    /** The URI with the key, tokens and secret query values (an upload session's) redacted. */
    static String uri(URI uri, Redactor redactor) {
        String query = uri.getRawQuery();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return redactor.redact(base) + (query == null ? "" : "?" + redactor.redact(query));
    }

    /** The request's headers, the values of credential and sensitive ones redacted. */
    static List<Map.Entry<String, String>> requestHeaders(HttpRequest request, Redactor redactor) {
        List<Map.Entry<String, String>> shown = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> header : request.headers()) {
            shown.add(Map.entry(header.getKey(), request.isSensitive(header.getKey()) ? Redactor.REDACTED
                    : value(header.getKey(), header.getValue(), redactor)));
        }
        return shown;
    }

    /** A reply's headers, one entry per value, secrets redacted; HTTP/2 pseudo-headers left out. */
    static List<Map.Entry<String, String>> responseHeaders(Map<String, List<String>> headers, Redactor redactor) {
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        headers.forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                for (String v : values) {
                    shown.add(Map.entry(name, value(name, v == null ? "" : v, redactor)));
                }
            }
        });
        return shown;
    }

    private static String value(String name, String value, Redactor redactor) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? Redactor.REDACTED : redactor.redact(value);
    }
}
