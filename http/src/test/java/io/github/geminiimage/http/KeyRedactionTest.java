package io.github.geminiimage.http;

import io.github.geminiimage.wire.RandomInputs;
import static io.github.geminiimage.wire.RandomInputs.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ImageGenerationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For any key and every error path (error bodies, redirects, hint headers, malformed and broken
 * replies, transport failures) that echoes the key back in any place a server or a transport can
 * put it, neither the exception (message, excerpt, causes, stack trace text), nor the observer's
 * view, nor a log line at the finest level, nor any {@code toString} shows the key, as is or
 * URL-encoded; synchronous and asynchronous calls alike, whatever the auth scheme. Randomized:
 * see {@link RandomInputs}.
 */
class KeyRedactionTest {

    private static final Logger LOG = Logger.getLogger(HttpImageGeneration.class.getName());
    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureEveryLogLine() {
        previousLevel = LOG.getLevel();
        LOG.setLevel(Level.ALL);
        LOG.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        LOG.removeHandler(capture);
        LOG.setLevel(previousLevel);
    }

    static LongStream seeds() {
        return RandomInputs.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noErrorPathShowsTheKey(long seed) {
        check(seed, random -> {
            String key = RandomInputs.apiKey(random);
            AuthScheme scheme = RandomInputs.oneOf(random, AuthScheme.values());
            boolean async = random.nextBoolean();
            for (Scenario scenario : scenarios(key)) {
                String where = scenario.name() + (async ? " (async)" : "") + " with " + scheme + " and key " + key;
                requireNoKey(key, scheme, async, scenario, where);
            }
        });
    }

    private void requireNoKey(String key, AuthScheme scheme, boolean async, Scenario scenario, String where) {
        logLines.clear();
        Fixture fx = new Fixture();
        // Each attempt takes the scenario's next step, the last one again when they run out.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            scenario.steps().get(Math.min(attempt, scenario.steps().size() - 1)).accept(fx.transport);
        }
        ImageGenerationException failure;
        String portText;
        try (HttpImageGeneration port = HttpGeminiClient.builder(fx.transport, ApiKey.of(key))
                .options(HttpOptions.builder().authScheme(scheme).observer(fx.observer)
                        .retryPolicy(new RetryPolicy(ATTEMPTS, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO,
                                RetryPolicy.DEFAULT_RETRYABLE_STATUSES)).build())
                .clock(fx.clock).sleeper(fx.sleeper).random(Fixture.halfJitter()).executor(fx.scheduler).build().imagesOnly()) {
            failure = async ? fx.failureAsync(port) : Fixture.failure(port);
            portText = port + " " + port.options() + " " + ApiKey.of(key);
        }
        assertThat(fx.transport.requests).as("the key went out at all: " + where)
                .anyMatch(r -> key.equals(revealedKey(r.request())));
        StringBuilder seen = new StringBuilder(portText).append('\n').append(trace(failure)).append('\n')
                .append(failure.details()).append('\n');
        fx.observer.retryCauses.forEach(cause -> seen.append(trace(cause)).append('\n'));
        fx.observer.completions.forEach(c -> seen.append(c.failure() == null ? "" : trace(c.failure())).append('\n'));
        synchronized (logLines) {
            logLines.forEach(line -> seen.append(line).append('\n'));
        }
        assertThat(seen.toString()).as(where).doesNotContain(key).doesNotContain(URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Where the key sits in a request, whatever the auth scheme. */
    private static String revealedKey(HttpRequest request) {
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getKey().equalsIgnoreCase("x-goog-api-key")) {
                return header.getValue();
            }
            if (header.getKey().equalsIgnoreCase("Authorization")) {
                return header.getValue().replaceFirst("^Bearer ", "");
            }
        }
        String query = request.uri().getRawQuery();
        return query == null ? "" : URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
    }

    // ---- scenarios -------------------------------------------------------------------------

    private static final int ATTEMPTS = 3;

    /** A named script: the step of each attempt, the last one repeated. */
    record Scenario(String name, List<Consumer<FakeTransport>> steps) {
    }

    private static List<Scenario> scenarios(String key) {
        String json = jsonEscaped(key);
        String url = "https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8);
        List<Scenario> s = new ArrayList<>();
        s.add(scenario("400 API_KEY_INVALID echoing the key", t -> t.reply(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid: "
                + json + "\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\",\"metadata\":{\"key\":\"" + json
                + "\"}}]}}")));
        s.add(scenario("401 proxy envelope", t -> t.reply(401, "{\"error\":{\"message\":\"Invalid signature for " + json
                + "\",\"type\":\"401\"}}")));
        s.add(scenario("403 error string", t -> t.reply(403, "{\"error\":\"" + json + "\"}")));
        s.add(scenario("404 page titled with the URL", t -> t.reply(404, "<html><title>Not found: " + url + "</title></html>")));
        s.add(scenario("404 page echoing the raw key", t -> t.reply(404, "<html><body><p>no model for key " + key + "</p></body></html>")));
        s.add(scenario("429 per day, key in Retry-After", t -> t.reply(429, "{\"error\":{\"code\":429,\"message\":\"quota of " + json
                + "\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":[{\"quotaId\":\"PerDay\"}]}]}}", "Retry-After", key)));
        s.add(scenario("503 plain text, always", t -> t.reply(503, "upstream " + key + " failed " + "x".repeat(1000)),
                t -> t.reply(503, "upstream " + key + " failed"), t -> t.reply(503, key)));
        s.add(scenario("422 re-wrapped Google JSON", t -> t.reply(422, "{\"error\":{\"message\":" + jakarta.json.Json.createValue(
                "{\"error\":{\"message\":\"inner " + key + "\",\"status\":\"INVALID_ARGUMENT\"}}") + "}}")));
        s.add(scenario("302 to a URL with the key", t -> t.reply(302, "", "Location", url)));
        s.add(scenario("302 to a host named after the key", t -> t.reply(302, "", "Location", "https://" + key + ".example.com/v1beta")));
        s.add(scenario("302 to a URL with the key as user", t -> t.reply(302, "", "Location", "https://" + key + "@example.com/")));
        s.add(scenario("200 truncated JSON", t -> t.reply(200, "{\"candidates\":[" + key)));
        s.add(scenario("200 not JSON", t -> t.reply(200, "not json " + key)));
        s.add(scenario("200 key as a field name", t -> t.reply(200, "{\"" + json + "\":1,}")));
        s.add(scenario("200 that breaks off", t -> t.replyThenBreak(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\""
                + json, new IOException("connection reset by " + key))));
        s.add(scenario("connection refused, then closed", t -> t.fail(r -> new ConnectException("Connection refused: " + r.uri())),
                t -> t.fail(new IOException("closed " + url, new ConnectException(key))), t -> t.fail(new ConnectException(key))));
        s.add(scenario("unknown host", t -> t.fail(r -> new java.net.UnknownHostException(r.uri().toString()))));
        s.add(scenario("timeouts", t -> t.fail(new SocketTimeoutException("timed out " + key)),
                t -> t.fail(r -> new SocketTimeoutException(r.headers().toString())), t -> t.fail(new SocketTimeoutException(key))));
        s.add(scenario("a transport bug", t -> t.fail(r -> new IllegalStateException("bad state for " + r.headers()))));
        return s;
    }

    @SafeVarargs
    private static Scenario scenario(String name, Consumer<FakeTransport>... steps) {
        return new Scenario(name, List.of(steps));
    }

    private static String jsonEscaped(String text) {
        String quoted = jakarta.json.Json.createValue(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
