package io.github.geminiimage.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the calls go and how their URLs are laid out: the Gemini Developer API, Vertex AI in a
 * project and location, or Vertex AI express mode; each on Google's host or, through
 * {@link #withBaseUri(URI)}, on a proxy (or a local server) mirroring it. The core builds every URL
 * from it; no transport knows a Gemini path. A value: immutable, thread-safe, compared by content.
 * Vertex AI has no Files API ({@link #hasFilesApi()}): inputs are sent inline or referenced by
 * {@code gs://} or {@code https://} URI.
 */
public final class Endpoint {

    /** Google's host for the Gemini Developer API. */
    public static final URI GOOGLE_BASE_URI = URI.create("https://generativelanguage.googleapis.com");
    /** The API version the library speaks to the Gemini API by default. */
    public static final String DEFAULT_API_VERSION = "v1beta";
    /** The API version the library speaks to Vertex AI by default (Google's SDKs use {@code v1beta1}; both serve the image models). */
    public static final String VERTEX_API_VERSION = "v1";
    /** Vertex AI's global host, also the host of express mode. */
    public static final URI VERTEX_GLOBAL_BASE_URI = URI.create("https://aiplatform.googleapis.com");

    private enum Layout { GEMINI_API, VERTEX, VERTEX_EXPRESS }

    /** What follows the version in the API's paths: a base holding one of these holds the API path. */
    private static final Set<String> API_PATHS = Set.of("models", "files", "batches", "projects",
            "publishers", "operations");

    private final Layout layout;
    private final URI baseUri;
    private final String apiVersion;
    private final String project;
    private final String location;
    private final InlineLimits inlineLimits;

    private Endpoint(Layout layout, URI baseUri, String apiVersion, String project, String location) {
        this(layout, baseUri, apiVersion, project, location,
                layout == Layout.GEMINI_API ? InlineLimits.geminiApi() : InlineLimits.vertexAi());
    }

    private Endpoint(Layout layout, URI baseUri, String apiVersion, String project, String location,
            InlineLimits inlineLimits) {
        this.layout = layout;
        this.apiVersion = checkVersion(apiVersion);
        this.baseUri = checkBase(baseUri);
        refuseVersionInBase();
        this.project = project;
        this.location = location;
        this.inlineLimits = Objects.requireNonNull(inlineLimits, "inlineLimits");
    }

    /**
     * Google's Gemini API, version {@code v1beta}, with an API key: calls at
     * {@code {base}/{version}/models/{model}:{method}}, uploads at {@code {base}/upload/{version}/files},
     * resources (files, batches) at {@code {base}/{version}/{name}}.
     */
    public static Endpoint geminiApi() {
        return geminiApi(GOOGLE_BASE_URI, DEFAULT_API_VERSION);
    }

    /**
     * The Gemini API at {@code baseUri} (Google's host or a proxy's) and {@code apiVersion}.
     *
     * @throws IllegalArgumentException if the base is not an absolute http(s) URI without query,
     *     fragment or user info, or it holds the API version ({@code .../v1beta}: the version is
     *     added to it), or the version is not one path segment
     */
    public static Endpoint geminiApi(URI baseUri, String apiVersion) {
        return new Endpoint(Layout.GEMINI_API, baseUri, apiVersion, null, null);
    }

    /**
     * Vertex AI in {@code project} and {@code location}, version {@code v1}, on Google's host for
     * that location: {@code {location}-aiplatform.googleapis.com} for a region (e.g.
     * {@code us-central1}), {@code aiplatform.googleapis.com} for {@code global} (where the Gemini 3
     * previews are served; Google's SDKs default to it), {@code aiplatform.us.rep.googleapis.com}
     * and {@code aiplatform.eu.rep.googleapis.com} for the multi-regions {@code us} and {@code eu}.
     * Calls go to
     * {@code {base}/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}}.
     * Use with token credentials ({@link Credentials#accessTokens}).
     *
     * @throws IllegalArgumentException if either is not a plain identifier (letters, digits,
     *     {@code -}, {@code _}, {@code .})
     */
    public static Endpoint vertex(String project, String location) {
        segment(project, "project");
        segment(location, "location");
        return new Endpoint(Layout.VERTEX, URI.create("https://" + vertexHost(location)), VERTEX_API_VERSION, project, location);
    }

    /**
     * Vertex AI express mode: an express-mode API key ({@link Credentials#apiKey}), the global host,
     * no project or location in the path; version {@code v1}:
     * {@code https://aiplatform.googleapis.com/v1/publishers/google/models/{model}:{method}}.
     */
    public static Endpoint vertexExpress() {
        return new Endpoint(Layout.VERTEX_EXPRESS, VERTEX_GLOBAL_BASE_URI, VERTEX_API_VERSION, null, null);
    }

    /**
     * The same layout on another base: a proxy mirroring this endpoint, or a local server. The path
     * prefix of {@code baseUri} is kept ({@code http://proxy/vertex} gives
     * {@code http://proxy/vertex/v1/projects/...}).
     *
     * @throws IllegalArgumentException if the base is not an absolute http(s) URI without query,
     *     fragment or user info, or it holds the API version ({@code .../v1beta}, {@code .../v1/}):
     *     the version is added to it
     */
    public Endpoint withBaseUri(URI baseUri) {
        return new Endpoint(layout, baseUri, apiVersion, project, location, inlineLimits);
    }

    /**
     * The same endpoint with other inline limits, e.g. those a proxy states
     * ({@code InlineLimits.stated("the proxy's documentation").withMaxImages(3).withMaxImageBytes(7 * 1024 * 1024)}).
     */
    public Endpoint withInlineLimits(InlineLimits limits) {
        return new Endpoint(layout, baseUri, apiVersion, project, location, Objects.requireNonNull(limits, "inlineLimits"));
    }

    /**
     * How much image data the endpoint takes inline, checked before any I/O: the Gemini API's
     * 100 MB per request, Vertex AI's 7 MB per image, or what {@link #withInlineLimits} set.
     */
    public InlineLimits inlineLimits() {
        return inlineLimits;
    }

    /**
     * The same endpoint with another API version, e.g. {@code v1beta1} on Vertex AI.
     *
     * @throws IllegalArgumentException if the version is not one path segment
     */
    public Endpoint withApiVersion(String apiVersion) {
        return new Endpoint(layout, baseUri, apiVersion, project, location, inlineLimits);
    }

    /** The scheme, host, port and any path prefix every URL starts with. */
    public URI baseUri() {
        return baseUri;
    }

    /** The API-version path segment, e.g. {@code v1beta}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** Whether this is Vertex AI, with a project or in express mode: then the Vertex-only request fields are accepted. */
    public boolean isVertex() {
        return layout != Layout.GEMINI_API;
    }

    /** Whether this is Vertex AI express mode (an API key, no project). */
    public boolean isVertexExpress() {
        return layout == Layout.VERTEX_EXPRESS;
    }

    /** Whether calls authenticate with OAuth2 access tokens (Vertex AI with a project) rather than an API key. */
    public boolean usesAccessTokens() {
        return layout == Layout.VERTEX;
    }

    /** Whether the endpoint has the Files API (uploads, {@code files/...}); Vertex AI has none. */
    public boolean hasFilesApi() {
        return layout == Layout.GEMINI_API;
    }

    /** The Google Cloud project, for Vertex AI with a project. */
    public Optional<String> project() {
        return Optional.ofNullable(project);
    }

    /** The location ({@code us-central1}, {@code global}, ...), for Vertex AI with a project. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
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
        return URI.create(base() + "/" + apiVersion + modelsPath(project, location) + modelId + ":" + method);
    }

    /**
     * The URL that starts a resumable upload (Gemini API Files).
     *
     * @throws UnsupportedOperationException on Vertex AI, which has no Files API
     */
    public URI upload() {
        requireFilesApi();
        return URI.create(base() + "/upload/" + apiVersion + "/files");
    }

    /**
     * Fails unless the endpoint has the Files API.
     *
     * @throws UnsupportedOperationException on Vertex AI, saying what to use instead
     */
    public void requireFilesApi() {
        if (!hasFilesApi()) {
            throw new UnsupportedOperationException("Vertex AI has no Files API (" + this + "): send images inline, "
                    + "or reference them by gs:// or https:// URI with ImageInput.ofUri");
        }
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

    private static String vertexHost(String location) {
        return switch (location) {
            case "global" -> VERTEX_GLOBAL_BASE_URI.getHost();
            case "us", "eu" -> "aiplatform." + location + ".rep.googleapis.com";
            default -> location + "-aiplatform.googleapis.com";
        };
    }

    private static URI checkBase(URI baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUri.getHost() == null) {
            throw new IllegalArgumentException("baseUri " + baseUri + " must be an absolute http or https URI");
        }
        if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null || baseUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUri " + baseUri + " must have no query, fragment or user info");
        }
        return baseUri;
    }

    /**
     * A base holding the API version ({@code https://host/v1beta}, {@code .../v1beta/models}) would
     * double it ({@code /v1beta/v1beta/models/...}, a 404 that reads as an unknown model).
     */
    private void refuseVersionInBase() {
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        String[] segments = path.split("/", -1);
        int offset = 0;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            String next = i + 1 < segments.length ? segments[i + 1] : "";
            boolean last = path.substring(offset + segment.length()).matches("/*");
            // The versions Google serves (v1, v1beta, v1alpha, v1beta1): a proxy's own /v2 prefix stays allowed.
            if (segment.matches("v1((alpha|beta)\\d*)?") && (last || API_PATHS.contains(next))) {
                String root = baseUri.getScheme() + "://" + baseUri.getRawAuthority()
                        + path.substring(0, offset).replaceAll("/+$", "");
                throw new IllegalArgumentException("baseUri " + baseUri + " includes the API version (/" + segment
                        + "), which the library adds (calls go to BASEURI/" + apiVersion + modelsPath("PROJECT", "LOCATION")
                        + "MODEL:generateContent): give baseUri " + root + ", the server root or proxy prefix, "
                        + "and another version with apiVersion");
            }
            offset += segment.length() + 1;
        }
    }

    private String modelsPath(String project, String location) {
        return switch (layout) {
            case VERTEX -> "/projects/" + project + "/locations/" + location + "/publishers/google/models/";
            case VERTEX_EXPRESS -> "/publishers/google/models/";
            case GEMINI_API -> "/models/";
        };
    }

    private static String checkVersion(String apiVersion) {
        Objects.requireNonNull(apiVersion, "apiVersion");
        if (!apiVersion.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" must be one path segment, e.g. v1beta");
        }
        return apiVersion;
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
                && Objects.equals(e.location, location) && e.inlineLimits.equals(inlineLimits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, baseUri, apiVersion, project, location, inlineLimits);
    }

    @Override
    public String toString() {
        return switch (layout) {
            case VERTEX -> "Endpoint[Vertex AI, project=" + project + ", location=" + location + ", " + baseUri + ", "
                    + apiVersion + "]";
            case VERTEX_EXPRESS -> "Endpoint[Vertex AI express mode, " + baseUri + ", " + apiVersion + "]";
            case GEMINI_API -> "Endpoint[Gemini API, " + baseUri + ", " + apiVersion + "]";
        };
    }
}
