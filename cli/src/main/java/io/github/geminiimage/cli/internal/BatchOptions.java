package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.HttpOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every {@code batch} command shares: the transport, the endpoint and the key as for
 * {@code generate}, {@code --json}, and where the last job's name is remembered.
 */
final class BatchOptions {

    @Option(names = "--transport", paramLabel = "NAME", converter = Converters.TransportConverter.class,
            description = "fake, jdk or httpclient5. Default: jdk when " + ImageCommand.KEY_VARIABLE + " is set, else the offline fake.")
    Transport transport;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The server root of the endpoint or of a proxy mirroring it, without /v1beta. Needs a real transport and the key.")
    URI baseUrl;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "A forward proxy every call goes through, http://host:port (HTTPS in a CONNECT tunnel), in place "
                    + "of the JVM's proxy settings. Needs a real transport.")
    URI proxy;

    @Option(names = "--auth", paramLabel = "SCHEME", converter = Converters.AuthConverter.class,
            description = "How the key is sent: google (x-goog-api-key, default), bearer (Authorization: Bearer), raw "
                    + "(Authorization), query (?key=, only for a proxy that requires it). Needs a real transport.")
    AuthScheme auth;

    @Option(names = "--retries", paramLabel = "N",
            description = "Retries of status, results, list, cancel and delete after a 408, 429, 5xx or connection failure "
                    + "(default 2; 0 for none). submit is never retried: the service would make a second job.")
    Integer retries;

    @Option(names = {"--vertex-project", "--vertex-location"}, paramLabel = "VALUE", hidden = true)
    String vertex;

    @Option(names = "--verbose", description = "Show each HTTP exchange on stderr: request line, headers (the key "
            + "redacted), body sizes, status, timings and retries.")
    boolean verbose;

    @Option(names = "--json", description = "Print the outcome as JSON on stdout.")
    boolean json;

    @Option(names = "--state-file", paramLabel = "FILE", defaultValue = BatchStateFile.DEFAULT_NAME,
            description = "Where batch submit saves the job's name and input path, and where the other commands find "
                    + "it when no NAME is given (default: ${DEFAULT-VALUE} in the current folder).")
    Path stateFile;

    @Mixin
    CassetteFlags cassetteFlags = new CassetteFlags();

    /** The transport settings: the key from the environment, never from the command line. */
    TransportChoice settings(CliContext context) {
        Optional<String> key = Optional.ofNullable(context.environment().get(ImageCommand.KEY_VARIABLE)).filter(k -> !k.isBlank());
        if (vertex != null) {
            throw new UsageException("batch runs on the Gemini API's Batch Mode; Vertex AI's batch prediction is not supported: "
                    + "drop --vertex-project and --vertex-location (and use " + ImageCommand.KEY_VARIABLE + ")");
        }
        String realOnly = baseUrl != null ? "--base-url" : proxy != null ? "--proxy" : auth != null ? "--auth" : null;
        if (transport == Transport.FAKE && realOnly != null) {
            throw new UsageException(realOnly + " is for a real endpoint and the fake transport makes no call; drop " + realOnly
                    + ", or choose --transport jdk or httpclient5");
        }
        Optional<CassetteFlags.Cassette> cassette = cassetteFlags.cassette();
        if (transport == Transport.FAKE && cassette.isPresent()) {
            throw new UsageException(cassetteFlags.flag() + " is for a real endpoint and the fake transport makes no call; drop "
                    + cassetteFlags.flag() + ", or choose --transport jdk or httpclient5");
        }
        boolean replaying = cassette.map(CassetteFlags.Cassette::replaying).orElse(false);
        if (replaying) {
            // A replay sends nothing: the cassette holds no key and needs none.
            key = Optional.of(CassetteFlags.REPLAY_KEY);
        }
        Transport chosen = transport != null ? transport
                : realOnly != null || key.isPresent() || cassette.isPresent() ? Transport.JDK : Transport.FAKE;
        if (transport == null && chosen == Transport.FAKE) {
            context.err().println("gemini-image: " + ImageCommand.KEY_VARIABLE + " is not set, so the offline fake transport "
                    + "answers (set the key, or pass --transport fake to silence this)");
        }
        if (chosen != Transport.FAKE && key.isEmpty()) {
            throw new UsageException(ImageCommand.KEY_VARIABLE + " is not set: the " + chosen + " transport needs your key; export "
                    + ImageCommand.KEY_VARIABLE + "=... (or use --transport fake to work offline)");
        }
        try {
            Optional<ApiKey> apiKey = chosen == Transport.FAKE ? Optional.empty() : key.map(ApiKey::of);
            HttpOptions.Builder options = HttpOptions.builder();
            TransportOptions.showExchanges(verbose, chosen, context, options);
            TransportOptions.applyEndpoint(baseUrl, proxy, auth, retries, options);
            return new TransportChoice(chosen, apiKey, options.build(), FakeOutcome.IMAGE, false, cassette);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    BatchStateFile state() {
        return new BatchStateFile(stateFile);
    }

    /** The job named on the command line, else the one the state file remembers. */
    String jobName(String given) {
        if (given != null) {
            return given;
        }
        return state().load().map(CliDocuments.BatchState::name).orElseThrow(() -> new UsageException(
                "name the job (batches/...): no NAME was given and " + state().file() + " does not exist (batch submit writes it)"));
    }
}
