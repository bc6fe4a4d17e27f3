package io.github.geminiimage.spring.boot;

import io.github.geminiimage.http.AuthScheme;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * The {@code gemini.image.*} properties. Immutable; bound once at startup and checked by
 * {@link GeminiImageAutoConfiguration} before any port is built. A setting left unset keeps the
 * library's default ({@code HttpOptions.defaults()}).
 */
@ConfigurationProperties("gemini.image")
public final class GeminiImageProperties {

    /** The names {@code gemini.image.transport} accepts. */
    public static final String TRANSPORTS = "jdk, httpclient5, fake";

    /** The API key (required unless transport is fake or Vertex AI uses access tokens; with vertex.project it selects Vertex AI express mode). Never logged nor shown. */
    private final String apiKey;
    /** The endpoint base without the API version (refused if it ends in /v1beta or /v1), e.g. a proxy mirroring the API, Vertex AI's layout kept when vertex.project is set (default Google's endpoint). */
    private final URI baseUrl;
    /** A forward proxy every call goes through, http://host:port, e.g. http://proxy.example:3128 (HTTPS in a CONNECT tunnel), in place of the JVM's https.proxyHost/http.proxyHost settings (default: those settings). */
    private final String proxy;
    /** The transport: jdk (java.net.http), httpclient5 (Apache HttpClient 5, add its adapter) or fake (in memory). */
    private final String transport;
    /** How the key is sent: google (the x-goog-api-key header, default), bearer, raw or query, as the CLI's --auth; the constant names (google-api-key-header, raw-authorization, query-parameter) work too. */
    private final String authScheme;
    /** The most time to open a connection, e.g. 30s or 500ms; a bare number is seconds (library default 30s). */
    private final Duration connectTimeout;
    /** The most time without a byte arriving while waiting for or reading a reply, e.g. 3m; a bare number is seconds (library default 3m). */
    private final Duration inactivityTimeout;
    /** The most time for a whole call, every attempt and wait included, e.g. 10m; a bare number is seconds (library default 10m). */
    private final Duration overallDeadline;
    /** Attempts per call including the first; 1 switches retries off (library default 3). */
    private final Integer maxAttempts;
    /** The largest reply read, e.g. 64MB (library default 64MB); a larger one fails the call. */
    private final DataSize maxResponseBytes;
    /** Vertex AI settings. */
    private final Vertex vertex;
    /** Metrics settings. */
    private final Metrics metrics;

    /**
     * Bound by Spring Boot; unset values are {@code null} here and empty through the accessors.
     *
     * @param apiKey the API key
     * @param baseUrl the endpoint base
     * @param proxy the forward proxy, {@code http://host:port}
     * @param transport jdk, httpclient5 or fake
     * @param authScheme how the key is sent: a word of {@link AuthScheme#parse}
     * @param connectTimeout the connect timeout; a bare number is seconds
     * @param inactivityTimeout the inactivity timeout; a bare number is seconds
     * @param overallDeadline the overall deadline; a bare number is seconds
     * @param maxAttempts attempts per call
     * @param maxResponseBytes the reply cap
     * @param vertex Vertex AI settings
     * @param metrics metrics settings
     */
    public GeminiImageProperties(String apiKey, URI baseUrl, String proxy, @DefaultValue("jdk") String transport,
            String authScheme, @DurationUnit(ChronoUnit.SECONDS) Duration connectTimeout,
            @DurationUnit(ChronoUnit.SECONDS) Duration inactivityTimeout, @DurationUnit(ChronoUnit.SECONDS) Duration overallDeadline,
            Integer maxAttempts, DataSize maxResponseBytes, @DefaultValue Vertex vertex, @DefaultValue Metrics metrics) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.proxy = proxy;
        this.transport = transport;
        this.authScheme = authScheme;
        this.connectTimeout = connectTimeout;
        this.inactivityTimeout = inactivityTimeout;
        this.overallDeadline = overallDeadline;
        this.maxAttempts = maxAttempts;
        this.maxResponseBytes = maxResponseBytes;
        this.vertex = vertex == null ? new Vertex(null, null) : vertex;
        this.metrics = metrics == null ? new Metrics(true) : metrics;
    }

    /** The API key, when set and not blank. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey).filter(key -> !key.isBlank());
    }

    /** The endpoint base, when set. */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * The forward proxy, when set and not blank; whether it is {@code http://host:port} is checked
     * where the HTTP options are built.
     *
     * @throws GeminiImageConfigurationException if it is not a URL
     */
    public Optional<URI> proxy() {
        if (proxy == null || proxy.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(proxy.trim()));
        } catch (URISyntaxException e) {
            // The reason and index only: the value may hold a password.
            throw new GeminiImageConfigurationException("gemini.image.proxy is not a URL: " + e.getReason() + " at index "
                    + e.getIndex(), "Set gemini.image.proxy to http://host:port (for example http://proxy.example:3128),"
                            + " or remove it to follow the JVM's proxy settings.");
        }
    }

    /** The transport's name as configured ({@code jdk} when unset). */
    public String transport() {
        return transport;
    }

    /**
     * The auth scheme, when set.
     *
     * @throws GeminiImageConfigurationException if it is not a word {@link AuthScheme#parse} knows
     */
    public Optional<AuthScheme> authScheme() {
        if (authScheme == null || authScheme.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AuthScheme.parse(authScheme));
        } catch (IllegalArgumentException e) {
            throw new GeminiImageConfigurationException("gemini.image.auth-scheme: " + e.getMessage(),
                    "Set gemini.image.auth-scheme to one of " + AuthScheme.WORDS + ".");
        }
    }

    /** The connect timeout, when set. */
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /** The inactivity timeout, when set. */
    public Optional<Duration> inactivityTimeout() {
        return Optional.ofNullable(inactivityTimeout);
    }

    /** The overall deadline, when set. */
    public Optional<Duration> overallDeadline() {
        return Optional.ofNullable(overallDeadline);
    }

    /** The attempts per call, when set. */
    public Optional<Integer> maxAttempts() {
        return Optional.ofNullable(maxAttempts);
    }

    /** The reply cap, when set. */
    public Optional<DataSize> maxResponseBytes() {
        return Optional.ofNullable(maxResponseBytes);
    }

    /** The Vertex AI settings (all empty unless set). */
    public Vertex vertex() {
        return vertex;
    }

    /** The metrics settings. */
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        // The key is never shown, only whether there is one.
        return "GeminiImageProperties[apiKey=" + (apiKey().isPresent() ? "(set)" : "(unset)") + ", baseUrl=" + baseUrl
                + ", proxy=" + (proxy == null ? "(unset)" : "(set)") + ", transport=" + transport + ", authScheme=" + authScheme + ", vertex=" + vertex + "]";
    }

    /**
     * {@code gemini.image.vertex.*}: Vertex AI instead of the Gemini API. A project without an API key:
     * access tokens from the application's {@code AccessTokenSource} bean, else Application Default
     * Credentials (add {@code gemini-image-auth-google}). A project with an API key: Vertex AI express
     * mode (global location only). A location without a project fails the startup. Ignored by the
     * fake transport.
     */
    public static final class Vertex {
        /** The Google Cloud project: set, calls go to Vertex AI instead of the Gemini API. */
        private final String project;
        /** The Vertex AI location: a region (us-central1, europe-west4, ...), us, eu or global (default global). Needs vertex.project. */
        private final String location;

        /**
         * Bound by Spring Boot.
         *
         * @param project the Google Cloud project
         * @param location the Vertex AI location
         */
        public Vertex(String project, String location) {
            this.project = project;
            this.location = location;
        }

        /** The project, when set and not blank. */
        public Optional<String> project() {
            return Optional.ofNullable(project).filter(p -> !p.isBlank());
        }

        /** The location, when set and not blank. */
        public Optional<String> location() {
            return Optional.ofNullable(location).filter(l -> !l.isBlank());
        }

        @Override
        public String toString() {
            return "Vertex[project=" + project + ", location=" + location + "]";
        }
    }

    /** {@code gemini.image.metrics.*}. */
    public static final class Metrics {
        /** Whether calls are observed and measured through the application's Micrometer registries. */
        private final boolean enabled;

        /**
         * Bound by Spring Boot.
         *
         * @param enabled whether metrics are recorded
         */
        public Metrics(@DefaultValue("true") boolean enabled) {
            this.enabled = enabled;
        }

        /** Whether metrics are recorded. */
        public boolean enabled() {
            return enabled;
        }
    }
}
