package io.github.geminiimage.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the calls go and how their URLs are laid out: the Gemini Developer API (Google's host or a
 * proxy mirroring it) or Vertex AI. A value: immutable, thread-safe, compared by content. The
 * core builds every URL from it; no transport knows a Gemini path.
 *
 * <ul>
 *   <li>Gemini API: {@code {base}/{version}/models/{model}:{method}}, uploads at
 *       {@code {base}/upload/{version}/files}, resources (files, batches) at
 *       {@code {base}/{version}/{name}}.</li>
 *   <li>Vertex AI: {@code https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}}
 *       ({@code aiplatform.googleapis.com} for the {@code global} location), resources at
 *       {@code {base}/v1/{name}}; no upload path (Vertex reads inputs from Cloud Storage).</li>
 * </ul>
 */
public final class Endpoint {

    /** Google's host for the Gemini Developer API. */
    public static final URI GOOGLE_BASE_URI = URI.create("https://generativelanguage.googleapis.com");
    /** The API version the library speaks to the Gemini API by default. */
    public static final String DEFAULT_API_VERSION = "v1beta";

    private enum Layout { GEMINI_API, VERTEX }

    private final Layout layout;
    private final URI baseUri;
    private final String apiVersion;
    private final String project;
    private final String location;

    private Endpoint(Layout layout, URI baseUri, String apiVersion, String project, String location) {
        this.layout = layout;
        this.baseUri = baseUri;
        this.apiVersion = apiVersion;
        this.project = project;
        this.location = location;
    }

    /** Google's Gemini API, version {@code v1beta}. */
    public static Endpoint geminiApi() {
        return geminiApi(GOOGLE_BASE_URI, DEFAULT_API_VERSION);
    }

    /**
     * The Gemini API at {@code baseUri} (Google's host or a proxy's) and {@code apiVersion}.
     *
     * @throws IllegalArgumentException if the base is not an absolute http(s) URI without query,
     *     fragment or user info, or the version is not one path segment
     */
    public static Endpoint geminiApi(URI baseUri, String apiVersion) {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(apiVersion, "apiVersion");
        String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUri.getHost() == null) {
            throw new IllegalArgumentException("baseUri " + baseUri + " must be an absolute http or https URI");
        }
        if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null || baseUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUri " + baseUri + " must have no query, fragment or user info");
        }
        if (!apiVersion.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" must be one path segment, e.g. v1beta");
        }
        return new Endpoint(Layout.GEMINI_API, baseUri, apiVersion, null, null);
    }

    /**
     * Vertex AI in {@code project} and {@code location} (e.g. {@code us-central1}, or
     * {@code global}), version {@code v1}. Use with token credentials
     * ({@link Credentials#accessTokens}).
     *
     * @throws IllegalArgumentException if either is not a plain identifier (letters, digits,
     *     {@code -}, {@code _}, {@code .})
     */
    public static Endpoint vertex(String project, String location) {
        segment(project, "project");
        segment(location, "location");
        String host = location.equals("global") ? "aiplatform.googleapis.com" : location + "-aiplatform.googleapis.com";
        return new Endpoint(Layout.VERTEX, URI.create("https://" + host), "v1", project, location);
    }

    /** The scheme, host, port and any path prefix every URL starts with. */
    public URI baseUri() {
        return baseUri;
    }

    /** The API-version path segment, e.g. {@code v1beta}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** Whether this is a Vertex AI endpoint. */
    public boolean isVertex() {
        return layout == Layout.VERTEX;
    }

    /**
     * The URL of a method on a model, without any key.
     *
     * @param modelId e.g. {@code gemini-2.5-flash-image}
     * @param method e.g. {@code generateContent}, {@code streamGenerateContent}
     */
    public URI modelMethod(String modelId, String method) {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(method, "method");
        String models = layout == Layout.VERTEX
                ? "/projects/" + project + "/locations/" + location + "/publishers/google/models/"
                : "/models/";
        return URI.create(base() + "/" + apiVersion + models + modelId + ":" + method);
    }

    /**
     * The URL that starts a resumable upload (Gemini API Files).
     *
     * @throws UnsupportedOperationException on Vertex AI, which has no such path
     */
    public URI upload() {
        if (layout == Layout.VERTEX) {
            throw new UnsupportedOperationException("Vertex AI has no Files upload path; inputs come from Cloud Storage");
        }
        return URI.create(base() + "/upload/" + apiVersion + "/files");
    }

    /**
     * The URL of a named resource, e.g. {@code files/abc-123} or {@code batches/xyz}.
     *
     * @throws IllegalArgumentException if the name is blank, absolute, or holds a query, a
     *     fragment or a {@code ..} segment
     */
    public URI resource(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.startsWith("/") || name.contains("?") || name.contains("#")
                || ("/" + name + "/").contains("/../") || name.contains("://")) {
            throw new IllegalArgumentException("resource name \"" + name + "\" must be a relative name such as files/abc-123");
        }
        return URI.create(base() + "/" + apiVersion + "/" + name);
    }

    private String base() {
        String base = baseUri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static void segment(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!value.matches("[A-Za-z0-9._-]+") || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(name + " \"" + value + "\" must be a plain identifier (letters, digits, - _ .)");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Endpoint e && e.layout == layout && e.baseUri.equals(baseUri)
                && e.apiVersion.equals(apiVersion) && Objects.equals(e.project, project)
                && Objects.equals(e.location, location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, baseUri, apiVersion, project, location);
    }

    @Override
    public String toString() {
        return layout == Layout.VERTEX
                ? "Endpoint[Vertex AI, project=" + project + ", location=" + location + "]"
                : "Endpoint[Gemini API, " + baseUri + ", " + apiVersion + "]";
    }
}
