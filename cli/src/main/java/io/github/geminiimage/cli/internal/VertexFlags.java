package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.Endpoint;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --vertex-project} and {@code --vertex-location}: Vertex AI instead of the Gemini API. With
 * {@code GEMINI_API_KEY} set, Vertex AI express mode (the key, the global host, no project in the
 * URL); without it, OAuth tokens from Application Default Credentials.
 */
final class VertexFlags {

    /** The location when none is given: Google's SDKs default to it, and the Gemini 3 previews are served there. */
    static final String DEFAULT_LOCATION = "global";

    @Option(names = "--vertex-project", paramLabel = "PROJECT",
            description = {"Calls Vertex AI in this Google Cloud project instead of the Gemini API, with a token from "
                    + "Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default "
                    + "login, or the metadata server).",
                "With " + ImageCommand.KEY_VARIABLE + " set: Vertex AI express mode with that key instead "
                    + "(global host, no project in the URL)."})
    String project;

    @Option(names = "--vertex-location", paramLabel = "LOCATION",
            description = "The Vertex AI location: a region (us-central1, europe-west4, ...), us, eu or global "
                    + "(default: " + DEFAULT_LOCATION + "). Needs --vertex-project.")
    String location;

    /** Whether Vertex AI was asked for. */
    boolean selected() {
        return project != null || location != null;
    }

    /**
     * The Vertex endpoint the flags select, checked against the key and {@code --auth}.
     *
     * @param key whether {@code GEMINI_API_KEY} is set (then express mode)
     * @param authGiven whether {@code --auth} was given
     * @param err where the one line about express mode goes
     * @throws UsageException when the flags contradict each other or the environment
     */
    Endpoint endpoint(boolean key, boolean authGiven, PrintStream err) {
        if (project == null) {
            throw new UsageException("--vertex-location needs --vertex-project: name the Google Cloud project too");
        }
        Endpoint withProject;
        try {
            withProject = Endpoint.vertex(project, Optional.ofNullable(location).orElse(DEFAULT_LOCATION));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--vertex-project/--vertex-location: " + e.getMessage());
        }
        if (!key) {
            if (authGiven) {
                throw new UsageException("--auth says how an API key is sent, but --vertex-project without "
                        + ImageCommand.KEY_VARIABLE + " uses an OAuth token from Application Default Credentials; drop --auth");
            }
            return withProject;
        }
        if (location != null && !location.equals(DEFAULT_LOCATION)) {
            throw new UsageException("--vertex-location " + location + " cannot be used with " + ImageCommand.KEY_VARIABLE
                    + " set: Vertex AI express mode serves only the global location; unset " + ImageCommand.KEY_VARIABLE
                    + " to use Application Default Credentials in " + location);
        }
        err.println("gemini-image: " + ImageCommand.KEY_VARIABLE + " is set, so Vertex AI express mode is used (the key on "
                + "the global endpoint, project " + project + " not in the URL); unset it to use Application Default Credentials");
        return Endpoint.vertexExpress();
    }

    /** A base URL that already holds the Vertex path would double it ({@code .../v1/v1/projects/...}). */
    static void checkBaseUrl(URI baseUrl) {
        String path = Optional.ofNullable(baseUrl.getPath()).orElse("").replaceAll("/+$", "");
        int at = path.indexOf("/v1/projects/") >= 0 ? path.indexOf("/v1/projects/") : path.indexOf("/v1/publishers/");
        if (at < 0 && (path.endsWith("/v1") || path.endsWith("/v1beta1"))) {
            at = path.lastIndexOf('/');
        }
        if (at >= 0) {
            String root = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path.substring(0, at);
            throw new UsageException("--base-url " + baseUrl + " includes the Vertex AI path, which is added to it (calls go to "
                    + "URL/v1/projects/PROJECT/locations/LOCATION/publishers/google/models/MODEL:generateContent); pass --base-url "
                    + root);
        }
    }
}
