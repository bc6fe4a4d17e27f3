package io.github.geminiimage.http;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.continuation.ContinuationHops;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything about how the HTTP port talks to the endpoint, except the key: where, with which
 * credentials scheme, with which timeouts, retries and caps. Immutable and thread-safe; built with
 * {@link #builder()}, every value checked by {@link Builder#build()}.
 */
public final class HttpOptions {

    /** Google's endpoint. */
    public static final URI GOOGLE_BASE_URI = Endpoint.GOOGLE_BASE_URI;
    /**
     * The library's version, sent in the {@code User-Agent}: the artifact's own version as the build
     * wrote it into the jar (e.g. {@code 0.1.0} or {@code 0.2.0-SNAPSHOT}), {@code "unknown"} if absent.
     */
    public static final String LIBRARY_VERSION = LibraryVersion.read();
    /** The default reply cap: 64 MiB, well above a 4K image's ~30 MB of base64. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private static final Set<String> RESERVED_HEADERS = Set.of("content-length", "host", "transfer-encoding",
            "connection", "content-type", "x-goog-api-key", "authorization");

    private final Endpoint endpoint;
    private final AuthScheme authScheme;
    private final List<Map.Entry<String, String>> extraHeaders;
    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration inactivityTimeout;
    private final Duration overallDeadline;
    private final RetryPolicy retryPolicy;
    private final long maxResponseBytes;
    private final long maxRequestBytes;
    private final CallObserver observer;
    private final Optional<URI> proxy;
    private final Optional<ProxySelector> proxySelector;
    private final Duration flexDeadline;
    private final RetryPolicy flexRetryPolicy;
    private final PriceTable priceTable;
    private final int maxContinuations;
    private final int maxContinuationsWithoutProgress;

    private HttpOptions(Builder b) {
        this.endpoint = b.effectiveEndpoint();
        this.authScheme = b.authScheme;
        this.extraHeaders = List.copyOf(b.extraHeaders);
        this.userAgent = b.userAgent;
        this.connectTimeout = b.connectTimeout;
        this.inactivityTimeout = b.inactivityTimeout;
        this.overallDeadline = b.overallDeadline;
        this.retryPolicy = b.retryPolicy;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxRequestBytes = b.maxRequestBytes;
        this.observer = b.observer;
        this.proxy = b.proxy;
        this.proxySelector = b.proxySelector;
        this.flexDeadline = b.flexDeadline;
        this.flexRetryPolicy = b.flexRetryPolicy;
        this.priceTable = b.priceTable;
        this.maxContinuations = b.maxContinuations;
        this.maxContinuationsWithoutProgress = b.maxContinuationsWithoutProgress;
    }

    /** The defaults: Google's endpoint, {@code v1beta}, {@code x-goog-api-key}, minutes-long timeouts. */
    public static HttpOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.authScheme = authScheme;
        b.extraHeaders.addAll(extraHeaders);
        b.userAgent = userAgent;
        b.connectTimeout = connectTimeout;
        b.inactivityTimeout = inactivityTimeout;
        b.overallDeadline = overallDeadline;
        b.retryPolicy = retryPolicy;
        b.maxResponseBytes = maxResponseBytes;
        b.maxRequestBytes = maxRequestBytes;
        b.observer = observer;
        b.proxy = proxy;
        b.proxySelector = proxySelector;
        b.flexDeadline = flexDeadline;
        b.flexRetryPolicy = flexRetryPolicy;
        b.priceTable = priceTable;
        b.maxContinuations = maxContinuations;
        b.maxContinuationsWithoutProgress = maxContinuationsWithoutProgress;
        return b;
    }

    /**
     * The most extra requests one call sends to continue a reply that stopped with
     * {@code CONTINUATION} (default 16; 0 turns automatic continuation off for every call).
     */
    public int maxContinuations() {
        return maxContinuations;
    }

    /**
     * The most continuation requests in a row that bring nothing new (no part, the same token
     * again) before the call gives up and returns the result as {@code INCOMPLETE} (default 3).
     */
    public int maxContinuationsWithoutProgress() {
        return maxContinuationsWithoutProgress;
    }

    /** The endpoint base, e.g. {@code https://generativelanguage.googleapis.com} or a proxy's: {@code endpoint().baseUri()}. */
    public URI baseUri() {
        return endpoint.baseUri();
    }

    /** The API-version path segment, {@code v1beta} by default: {@code endpoint().apiVersion()}. */
    public String apiVersion() {
        return endpoint.apiVersion();
    }

    /**
     * Where calls go and how their URLs are laid out: the one set with {@link Builder#endpoint}
     * (the Gemini API by default), with the {@link Builder#baseUri} and {@link Builder#apiVersion}
     * given applied to it.
     */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** How the key is sent. */
    public AuthScheme authScheme() {
        return authScheme;
    }

    /** Extra headers sent on every call, in order. */
    public List<Map.Entry<String, String>> extraHeaders() {
        return extraHeaders;
    }

    /** The {@code User-Agent} header. */
    public String userAgent() {
        return userAgent;
    }

    /** The most time to open a connection (default 30 s). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The most time without a byte arriving while waiting for or reading the reply (default 3 min). */
    public Duration inactivityTimeout() {
        return inactivityTimeout;
    }

    /** The most time for a whole call, all attempts and waits and reading the reply included (default 10 min). */
    public Duration overallDeadline() {
        return overallDeadline;
    }

    /** The retry policy. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * The overall deadline of a call that asks for the flex tier, in place of
     * {@link #overallDeadline()} (default 20 min): flex answers within 1 to 15 minutes, and the
     * rest leaves room for a retry after a 503. The {@link #inactivityTimeout()} still applies
     * while waiting for the reply's headers: raise it too (e.g. to 15 min) for flex calls.
     */
    public Duration flexDeadline() {
        return flexDeadline;
    }

    /**
     * The retry policy of a call that asks for the flex tier, in place of {@link #retryPolicy()}
     * (default {@link RetryPolicy#flexDefaults()}): flex requests are shed with 503 when capacity
     * is short, and retrying at once would be shed again.
     */
    public RetryPolicy flexRetryPolicy() {
        return flexRetryPolicy;
    }

    /**
     * The prices every {@code generateContent} reply is estimated with
     * ({@link GenerationResult#cost()}); {@link PriceTable#google()} by default. Never fetched.
     */
    public PriceTable priceTable() {
        return priceTable;
    }

    /** The largest reply body read; a larger one fails with {@code ResponseTooLargeException}. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The largest request body sent; a larger one fails with {@code InvalidRequestException} before sending. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** The observer told about attempts, retries and completions. */
    public CallObserver observer() {
        return observer;
    }

    /** The forward proxy set with {@link Builder#proxy(URI)}, if one was. */
    public Optional<URI> proxy() {
        return proxy;
    }

    /**
     * The proxy selector the transports use: the one of {@link Builder#proxy(URI)} or
     * {@link Builder#proxySelector}; empty when neither was set, for the JVM's
     * ({@link ProxySelector#getDefault()}: the {@code https.proxyHost}, {@code https.proxyPort},
     * {@code http.proxyHost}, {@code http.proxyPort} and {@code http.nonProxyHosts} system properties).
     */
    public Optional<ProxySelector> proxySelector() {
        return proxySelector;
    }

    /** The part of these options a transport applies: connect and inactivity timeouts, pool bound, proxy. */
    public TransportSettings transportSettings() {
        TransportSettings settings = TransportSettings.DEFAULTS.withConnectTimeout(connectTimeout)
                .withInactivityTimeout(inactivityTimeout);
        return proxySelector.map(settings::withProxySelector).orElse(settings);
    }

    /** The URI of {@code generateContent} for a model, without any key. */
    public URI generateContentUri(String modelId) {
        return endpoint.modelMethod(modelId, "generateContent");
    }

    @Override
    public String toString() {
        return "HttpOptions[" + endpoint + ", auth=" + authScheme
                + ", connectTimeout=" + connectTimeout + ", inactivityTimeout=" + inactivityTimeout
                + ", overallDeadline=" + overallDeadline + ", flexDeadline=" + flexDeadline + ", retry=" + retryPolicy + ", maxResponseBytes="
                + maxResponseBytes + ", maxRequestBytes=" + maxRequestBytes + ", proxy="
                + proxy.map(URI::toString).orElse(proxySelector.isPresent() ? "(selector)" : "(JVM settings)") + "]";
    }

    /** Builds {@link HttpOptions}. Not thread-safe. */
    public static final class Builder {
        private Endpoint endpoint = Endpoint.geminiApi();
        private URI baseUri;
        private String apiVersion;
        private AuthScheme authScheme = AuthScheme.GOOGLE_API_KEY_HEADER;
        private final List<Map.Entry<String, String>> extraHeaders = new ArrayList<>();
        private String userAgent = "gemini-image-java/" + LIBRARY_VERSION + " (Java " + Runtime.version().feature() + ")";
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration inactivityTimeout = Duration.ofMinutes(3);
        private Duration overallDeadline = Duration.ofMinutes(10);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private long maxRequestBytes = GenerationRequest.MAX_REQUEST_BYTES;
        private InlineLimits inlineLimits;
        private CallObserver observer = CallObserver.NONE;
        private Optional<URI> proxy = Optional.empty();
        private Optional<ProxySelector> proxySelector = Optional.empty();
        private Duration flexDeadline = Duration.ofMinutes(20);
        private RetryPolicy flexRetryPolicy = RetryPolicy.flexDefaults();
        private PriceTable priceTable = PriceTable.google();
        private int maxContinuations = ContinuationHops.DEFAULT_MAX_CONTINUATIONS;
        private int maxContinuationsWithoutProgress = ContinuationHops.DEFAULT_MAX_WITHOUT_PROGRESS;

        private Builder() {
        }

        /**
         * The endpoint base ({@code http} or {@code https}, no query): a proxy or local server
         * mirroring the endpoint, whose URL layout stays (see {@link Endpoint#withBaseUri}). Its
         * root or path prefix, without the API version, which is added: {@link #build()} refuses
         * {@code https://host/v1beta}.
         */
        public Builder baseUri(URI uri) {
            this.baseUri = Objects.requireNonNull(uri, "baseUri");
            return this;
        }

        /** The API-version path segment, e.g. {@code v1beta} or {@code v1}. */
        public Builder apiVersion(String version) {
            this.apiVersion = Objects.requireNonNull(version, "apiVersion");
            return this;
        }

        /**
         * The endpoint, e.g. {@link Endpoint#vertex}; by default {@link Endpoint#geminiApi()}. A
         * {@link #baseUri} or {@link #apiVersion} given too, in either order, replaces the
         * endpoint's (a proxy or local server mirroring its layout).
         */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        private Endpoint effectiveEndpoint() {
            Endpoint effective = baseUri == null ? endpoint : endpoint.withBaseUri(baseUri);
            effective = inlineLimits == null ? effective : effective.withInlineLimits(inlineLimits);
            return apiVersion == null ? effective : effective.withApiVersion(apiVersion);
        }

        /**
         * The inline limits in place of the endpoint's ({@link Endpoint#inlineLimits()}): what a
         * proxy states, e.g. {@code InlineLimits.stated("the proxy's documentation").withMaxImages(3)
         * .withMaxImageBytes(7 * 1024 * 1024)}. Applies to whichever endpoint is set, before or after.
         */
        public Builder inlineLimits(InlineLimits limits) {
            this.inlineLimits = Objects.requireNonNull(limits, "inlineLimits");
            return this;
        }

        /** How the key is sent. */
        public Builder authScheme(AuthScheme scheme) {
            this.authScheme = Objects.requireNonNull(scheme, "authScheme");
            return this;
        }

        /** Adds a header sent on every call (not one the library sets itself). */
        public Builder addHeader(String name, String value) {
            extraHeaders.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** The {@code User-Agent}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** The connect timeout. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        /** The inactivity (read) timeout. */
        public Builder inactivityTimeout(Duration timeout) {
            this.inactivityTimeout = Objects.requireNonNull(timeout, "inactivityTimeout");
            return this;
        }

        /** The overall deadline of a call. */
        public Builder overallDeadline(Duration deadline) {
            this.overallDeadline = Objects.requireNonNull(deadline, "overallDeadline");
            return this;
        }

        /** The retry policy ({@link RetryPolicy#noRetries()} to switch retries off). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** The overall deadline of a flex call (see {@link HttpOptions#flexDeadline()}). */
        public Builder flexDeadline(Duration deadline) {
            this.flexDeadline = Objects.requireNonNull(deadline, "flexDeadline");
            return this;
        }

        /** The retry policy of a flex call (see {@link HttpOptions#flexRetryPolicy()}). */
        public Builder flexRetryPolicy(RetryPolicy policy) {
            this.flexRetryPolicy = Objects.requireNonNull(policy, "flexRetryPolicy");
            return this;
        }

        /** The price table replies are estimated with (see {@link HttpOptions#priceTable()}). */
        public Builder priceTable(PriceTable table) {
            this.priceTable = Objects.requireNonNull(table, "priceTable");
            return this;
        }

        /** The reply cap in bytes. */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The request-size limit of the endpoint in bytes. */
        public Builder maxRequestBytes(long bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        /**
         * A forward proxy every call goes through, e.g. {@code http://proxy.corp.example:3128}
         * (HTTPS calls through a {@code CONNECT} tunnel): in place of the JVM's proxy settings.
         * Without it (nor {@link #proxySelector}) the transports follow the JVM's
         * {@link ProxySelector#getDefault()}. Environment variables such as {@code HTTPS_PROXY} are
         * not read. Proxy authentication is not supported.
         *
         * @throws IllegalArgumentException unless it is {@code http://host:port} with nothing else
         */
        public Builder proxy(URI proxy) {
            Objects.requireNonNull(proxy, "proxy");
            if (!"http".equalsIgnoreCase(proxy.getScheme()) || proxy.getHost() == null || proxy.getPort() < 0
                    || proxy.getRawUserInfo() != null || proxy.getRawQuery() != null || proxy.getRawFragment() != null
                    || proxy.getRawPath() != null && !proxy.getRawPath().isEmpty() && !proxy.getRawPath().equals("/")) {
                // A password in the user info stays out of the message.
                String shown = proxy.getRawUserInfo() == null ? proxy.toString()
                        : proxy.toString().replace(proxy.getRawUserInfo() + "@", "***@");
                throw new IllegalArgumentException("proxy " + shown + " must be http://host:port, e.g. "
                        + "http://proxy.example:3128 (no user info, path or query)");
            }
            this.proxy = Optional.of(proxy);
            this.proxySelector = Optional.of(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(),
                    proxy.getPort())));
            return this;
        }

        /**
         * The proxy selector the transports use, in place of the JVM's: e.g. one that sends some
         * hosts direct, or {@code ProxySelector.of(null)} for no proxy at all. Replaces a
         * {@link #proxy(URI)} set before.
         */
        public Builder proxySelector(ProxySelector selector) {
            this.proxySelector = Optional.of(Objects.requireNonNull(selector, "proxySelector"));
            this.proxy = Optional.empty();
            return this;
        }

        /**
         * The most extra requests one call sends to continue a reply that stopped with
         * {@code CONTINUATION} (default 16); 0 turns automatic continuation off, so such a reply is
         * returned as {@code INCOMPLETE} with its token (per request:
         * {@code GenerationRequest.Builder.automaticContinuation(false)}). The call's overall
         * deadline covers all of them.
         */
        public Builder maxContinuations(int max) {
            this.maxContinuations = max;
            return this;
        }

        /**
         * The most continuation requests in a row that bring no new part or repeat the token
         * before the call stops and returns {@code INCOMPLETE} (default 3, at least 1).
         */
        public Builder maxContinuationsWithoutProgress(int max) {
            this.maxContinuationsWithoutProgress = max;
            return this;
        }

        /** The observer of attempts, retries and completions. */
        public Builder observer(CallObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Checks and builds.
         *
         * @throws IllegalArgumentException naming the setting, the value and the limit
         */
        public HttpOptions build() {
            effectiveEndpoint();
            for (Map.Entry<String, String> header : extraHeaders) {
                if (!header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw new IllegalArgumentException("header name \"" + header.getKey() + "\" is not a valid token");
                }
                if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("header " + header.getKey()
                            + " is set by the library; use authScheme for credentials");
                }
                if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                    throw new IllegalArgumentException("header " + header.getKey() + " has a line break in its value");
                }
            }
            positive(connectTimeout, "connectTimeout");
            positive(inactivityTimeout, "inactivityTimeout");
            positive(overallDeadline, "overallDeadline");
            positive(flexDeadline, "flexDeadline");
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024; got " + maxResponseBytes);
            }
            if (maxContinuations < 0 || maxContinuations > 1000) {
                throw new IllegalArgumentException("maxContinuations must be 0 to 1000; got " + maxContinuations);
            }
            if (maxContinuationsWithoutProgress < 1) {
                throw new IllegalArgumentException("maxContinuationsWithoutProgress must be at least 1; got "
                        + maxContinuationsWithoutProgress);
            }
            if (maxRequestBytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1024; got " + maxRequestBytes);
            }
            return new HttpOptions(this);
        }

        private static void positive(Duration d, String name) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive; got " + d);
            }
        }
    }
}
