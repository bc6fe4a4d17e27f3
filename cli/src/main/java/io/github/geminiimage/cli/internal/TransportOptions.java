package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.LoggingCallObserver;
import io.github.geminiimage.http.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every command that calls the service shares ({@code --transport}, {@code --base-url},
 * {@code --proxy}, {@code --auth}, {@code --timeout}, {@code --retries}, {@code --record}, {@code --replay}, {@code --verbose}), a picocli
 * mixin, and the one set of rules that turns them and {@code GEMINI_API_KEY} into
 * {@link TransportChoice}: options that contradict each other are usage errors, so neither a fake
 * answer nor a paid call is made against what the command line says.
 */
final class TransportOptions {

    @Option(names = "--transport", paramLabel = "NAME", converter = Converters.TransportConverter.class,
            description = "fake, jdk or httpclient5. Default: jdk when " + ImageCommand.KEY_VARIABLE + " is set, else the offline fake.")
    Transport transport;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The server root of the endpoint, or of a proxy mirroring it (scheme, host, port and any "
                    + "proxy prefix), without /v1beta: calls go to URL/v1beta/models/MODEL:generateContent "
                    + "(files: URL/v1beta/files). Default: https://generativelanguage.googleapis.com. "
                    + "Needs a real transport and the key. "
                    + "With --vertex-project: the root mirroring Vertex AI, without /v1.")
    URI baseUrl;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "A forward proxy every call goes through, http://host:port (HTTPS in a CONNECT tunnel), in place "
                    + "of the JVM's https.proxyHost/http.proxyHost settings. Needs a real transport.")
    URI proxy;

    @Mixin
    VertexFlags vertex = new VertexFlags();

    @Mixin
    CassetteFlags cassetteFlags = new CassetteFlags();

    @Option(names = "--auth", paramLabel = "SCHEME", converter = Converters.AuthConverter.class,
            description = "How the key is sent: google (x-goog-api-key, default), bearer (Authorization: Bearer), raw (Authorization), "
                    + "query (?key=, only for a proxy that requires it: it shows in access logs).")
    AuthScheme auth;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "The most time for a call, retries included, with a unit: 90s, 5m, 1m30s, 500ms (default 10m).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Retries after a 408, 429, 5xx or connection failure (default 2; 0 for none).")
    Integer retries;

    @Option(names = "--verbose", description = "Show each HTTP exchange on stderr: request line, headers (the key "
            + "redacted), body sizes, status, timings and retries.")
    boolean verbose;

    /** Whether {@code --base-url} was given: a 404 may then be the URL's fault. */
    boolean customBase() {
        return baseUrl != null;
    }

    /**
     * The settings of this run, checked.
     *
     * @param context the environment (for the key) and stderr (for the one-line note when the fake is chosen by default)
     * @param fakeOutcome what {@code --fake-outcome} asked for, if the command has that option and it was given
     * @param fakeDoes what the fake does, for that note (e.g. "answers with drawn test images")
     * @throws UsageException for options that contradict each other or a real transport without the key
     */
    TransportChoice settings(CliContext context, Optional<FakeOutcome> fakeOutcome, String fakeDoes) {
        Optional<String> key = Optional.ofNullable(context.environment().get(ImageCommand.KEY_VARIABLE)).filter(k -> !k.isBlank());
        checkBaseUrl();
        Optional<CassetteFlags.Cassette> cassette = cassetteFlags.cassette();
        boolean replaying = cassette.map(CassetteFlags.Cassette::replaying).orElse(false);
        Transport chosen = choose(context, key, fakeOutcome.isPresent(), fakeDoes);
        Optional<Endpoint> vertexEndpoint = vertex.selected() && chosen != Transport.FAKE
                ? Optional.of(vertex.endpoint(key.isPresent(), auth != null, context.err())) : Optional.empty();
        boolean adc = vertexEndpoint.map(Endpoint::usesAccessTokens).orElse(false);
        if (chosen != Transport.FAKE && key.isEmpty() && !adc && !replaying) {
            String why = transport == null ? " (chosen because " + (baseUrl != null ? "--base-url" : proxy != null ? "--proxy"
                    : auth != null ? "--auth" : cassetteFlags.flag()) + " asks for a real endpoint)" : "";
            throw new UsageException(ImageCommand.KEY_VARIABLE + " is not set: the " + chosen + " transport" + why
                    + " needs your key; export " + ImageCommand.KEY_VARIABLE + "=... (or use --transport fake to work offline)");
        }
        Optional<ApiKey> apiKey;
        try {
            // A replay sends nothing: the cassette holds no key and needs none.
            apiKey = chosen == Transport.FAKE ? Optional.empty()
                    : replaying ? Optional.of(ApiKey.of(CassetteFlags.REPLAY_KEY)) : key.map(ApiKey::of);
        } catch (IllegalArgumentException e) {
            throw new UsageException(ImageCommand.KEY_VARIABLE + " is not a usable key: " + e.getMessage());
        }
        HttpOptions.Builder options = HttpOptions.builder();
        showExchanges(verbose, chosen, context, options);
        vertexEndpoint.ifPresent(options::endpoint);
        applyEndpoint(baseUrl, proxy, auth, retries, options);
        if (timeout != null) {
            options.overallDeadline(timeout);
        }
        try {
            return new TransportChoice(chosen, apiKey, options.build(), fakeOutcome.orElse(FakeOutcome.IMAGE), adc, cassette);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * {@code --base-url}, {@code --proxy}, {@code --auth} and {@code --retries}, each when given
     * (null when not); a bad proxy or retry count is a usage error naming the option.
     */
    static void applyEndpoint(URI baseUrl, URI proxy, AuthScheme auth, Integer retries, HttpOptions.Builder options) {
        if (baseUrl != null) {
            options.baseUri(baseUrl);
        }
        applyProxy(proxy, options);
        if (auth != null) {
            options.authScheme(auth);
        }
        if (retries != null) {
            if (retries < 0) {
                throw new UsageException("--retries must be 0 or more; got " + retries);
            }
            options.retryPolicy(RetryPolicy.defaults().withMaxAttempts(retries + 1));
        }
    }

    /** {@code --proxy}, checked here so that a bad value is a usage error naming the option. */
    private static void applyProxy(URI proxy, HttpOptions.Builder options) {
        if (proxy == null) {
            return;
        }
        try {
            options.proxy(proxy);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--proxy: " + e.getMessage());
        }
    }

    /**
     * {@code --verbose}: every exchange of a real transport on stderr, through the library's
     * {@link LoggingCallObserver}; with the fake, one line saying there is nothing to show.
     */
    static void showExchanges(boolean verbose, Transport chosen, CliContext context, HttpOptions.Builder options) {
        if (!verbose) {
            return;
        }
        if (chosen == Transport.FAKE) {
            context.err().println("gemini-image: --verbose shows HTTP exchanges, and the fake transport makes none");
        } else {
            options.observer(LoggingCallObserver.lines(context.err()::println));
        }
    }

    /**
     * Picks the transport. Options only a real endpoint uses ({@code --base-url}, {@code --proxy}, {@code --auth})
     * ask for one; {@code --fake-outcome} asks for the fake; asking for both, or naming a transport
     * that contradicts one of them, is a usage error.
     */
    private Transport choose(CliContext context, Optional<String> key, boolean fakeOutcome, String fakeDoes) {
        List<String> realOnly = new ArrayList<>();
        if (baseUrl != null) {
            realOnly.add("--base-url");
        }
        if (proxy != null) {
            realOnly.add("--proxy");
        }
        if (auth != null) {
            realOnly.add("--auth");
        }
        if (vertex.selected()) {
            realOnly.add(vertex.project != null ? "--vertex-project" : "--vertex-location");
        }
        if (cassetteFlags.record != null || cassetteFlags.replay != null) {
            realOnly.add(cassetteFlags.flag());
        }
        if (transport == Transport.FAKE && !realOnly.isEmpty()) {
            throw new UsageException(realOnly.get(0) + " is for a real endpoint and the fake transport makes no call; "
                    + "drop " + realOnly.get(0) + ", or choose --transport jdk or httpclient5");
        }
        if (transport != null && transport != Transport.FAKE && fakeOutcome) {
            throw new UsageException("--fake-outcome is for the offline fake, but --transport " + transport
                    + " makes a real call; drop --fake-outcome, or use --transport fake");
        }
        if (transport == null && fakeOutcome && !realOnly.isEmpty()) {
            throw new UsageException("--fake-outcome asks for the offline fake, but " + realOnly.get(0)
                    + " asks for a real endpoint; drop one of them");
        }
        if (transport != null) {
            return transport;
        }
        if (fakeOutcome) {
            return Transport.FAKE;
        }
        if (!realOnly.isEmpty() || key.isPresent()) {
            return Transport.JDK;
        }
        context.err().println("gemini-image: " + ImageCommand.KEY_VARIABLE + " is not set, so the offline fake transport "
                + fakeDoes + " (set the key, or pass --transport fake to silence this)");
        return Transport.FAKE;
    }

    /** A base that already ends in the API version would double it (.../v1beta/v1beta/models/...). */
    private void checkBaseUrl() {
        if (baseUrl == null) {
            return;
        }
        if (vertex.selected()) {
            VertexFlags.checkBaseUrl(baseUrl);
            return;
        }
        String path = Optional.ofNullable(baseUrl.getPath()).orElse("");
        String trimmed = path.replaceAll("/+$", "");
        int version = trimmed.indexOf("/v1beta");
        if (version >= 0 && (trimmed.endsWith("/v1beta") || trimmed.startsWith("/models", version + "/v1beta".length())
                || trimmed.startsWith("/files", version + "/v1beta".length()))) {
            String root = baseUrl.toString();
            root = root.substring(0, root.indexOf("/v1beta"));
            throw new UsageException("--base-url " + baseUrl + " includes /v1beta, which is added to it (calls go to "
                    + "URL/v1beta/models/MODEL:generateContent); pass --base-url " + root);
        }
    }
}
