package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.StoredFile;
import java.net.URI;
import java.util.Locale;

/** Checks and prints the URIs of image references and Files API names. Stateless. */
final class ImageReferences {

    /** The prefix of every Files API file URI on the Gemini API. */
    static final String FILES_URI_PREFIX = "https://generativelanguage.googleapis.com/v1beta/files/";

    private static final String ACCEPTED = "an https:// URL, a gs://bucket/object URI or a Files API name (files/...)";

    private ImageReferences() {
    }

    /** The URI, checked: absolute, https or gs, a host, no user info; a Files API URI has a valid id. */
    static URI check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("gs")) {
            throw new InvalidRequestException("images", describe(uri), ACCEPTED);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequestException("images", "the image URI " + describe(uri)
                    + " carries user info; put credentials in a pre-signed URL's query instead", (Throwable) null);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidRequestException("images", describe(uri), ACCEPTED + " with a host (or bucket)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (scheme.equals("gs") && (path.isEmpty() || path.equals("/"))) {
            throw new InvalidRequestException("images", describe(uri), "gs://bucket/object, naming an object");
        }
        if (uri.getHost().equalsIgnoreCase("generativelanguage.googleapis.com") && path.startsWith("/v1beta/files/")) {
            filesUri("files/" + path.substring("/v1beta/files/".length()), "images");
        }
        return uri;
    }

    /**
     * The Files API URI of a resource name.
     *
     * @throws InvalidRequestException naming {@code field} if the name is not {@code files/<id>}
     */
    static URI filesUri(String name, String field) {
        return URI.create(FILES_URI_PREFIX + StoredFile.checkName(name, field).substring(6));
    }

    /** The URI without its query and fragment (a pre-signed URL's query is a credential). */
    static String describe(URI uri) {
        if (uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        String shown = (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                + (uri.getHost() == null ? "" : uri.getHost()) + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return shown + (uri.getRawQuery() != null ? "?<query hidden>" : "");
    }
}
