package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.http.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A resumable upload session as the start reply gave it: the session URL (a credential: it may
 * carry the API key, so it is never shown, and {@link #toString()} hides it) rewritten to the
 * configured base, and the chunk granularity. Immutable.
 *
 * @param url where chunks, queries and the cancel go
 * @param granularity every chunk but the last is a multiple of it
 */
record UploadSession(URI url, long granularity) {

    /** The granularity when the server names none: the 8 MiB every SDK sends. */
    static final long DEFAULT_GRANULARITY = 8L * 1024 * 1024;
    /** A larger granularity is refused as nonsense (chunks are streamed, but an 8 MiB one is the norm). */
    static final long MAX_GRANULARITY = 256L * 1024 * 1024;

    /**
     * Reads the session from the start reply's headers. The URL must name the host the upload was
     * started on (the base) or the Files API's own host (a proxy passing Google's reply on); its
     * scheme, host and port are then replaced by the base's, as the SDKs do, so chunks go exactly
     * where the start went.
     *
     * @throws MalformedResponseException if the URL is missing, not absolute http(s), names another
     *     host, or the granularity is not a positive number of bytes
     */
    static UploadSession from(Optional<String> urlHeader, Optional<String> granularityHeader, Endpoint endpoint) {
        String text = urlHeader.map(String::strip).filter(u -> !u.isEmpty())
                .orElseThrow(() -> malformed("the start reply has no x-goog-upload-url header"));
        URI given;
        try {
            given = new URI(text);
        } catch (URISyntaxException e) {
            throw malformed("the start reply's x-goog-upload-url is not a URL");
        }
        String scheme = given.getScheme() == null ? "" : given.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || given.getHost() == null) {
            throw malformed("the start reply's x-goog-upload-url is not an absolute http(s) URL");
        }
        URI base = endpoint.baseUri();
        String host = given.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(base.getHost().toLowerCase(Locale.ROOT)) && !host.equals(Endpoint.GOOGLE_BASE_URI.getHost())) {
            // Sending content (and possibly the key) to a host nobody configured would leak both.
            throw malformed("the start reply's x-goog-upload-url names another host than " + base.getHost()
                    + " where the upload was started; refused, nothing was sent there");
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String path = given.getRawPath() == null ? "" : given.getRawPath();
        if (!basePath.isEmpty() && !path.startsWith(basePath + "/")) {
            path = basePath + path;
        }
        String authority = base.getRawAuthority();
        URI url = URI.create(base.getScheme() + "://" + authority + path
                + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
        return new UploadSession(url, granularity(granularityHeader));
    }

    private static long granularity(Optional<String> header) {
        if (header.isEmpty()) {
            return DEFAULT_GRANULARITY;
        }
        try {
            long value = Long.parseLong(header.get().strip());
            if (value >= 1 && value <= MAX_GRANULARITY) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw malformed("the start reply's x-goog-upload-chunk-granularity is not a byte count from 1 to "
                + MAX_GRANULARITY);
    }

    /** The chunk size to use: {@code wanted} rounded down to a multiple of the granularity, at least one granule. */
    long chunkSize(long wanted) {
        return Math.max(granularity, wanted / granularity * granularity);
    }

    private static MalformedResponseException malformed(String message) {
        return new MalformedResponseException(message, new ErrorDetails(200, Optional.empty(), Optional.empty(), 1,
                Optional.empty()));
    }

    @Override
    public String toString() {
        return "UploadSession[url hidden, granularity=" + granularity + "]";
    }
}
