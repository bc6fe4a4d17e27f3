package io.github.geminiimage.http.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * For any key and every error path (error bodies, redirects, hint headers, malformed and broken
 * replies, transport failures) that echoes the key back in any place a server or a transport can
 * put it, neither the exception (message, excerpt, causes, stack trace text), nor the observer's
 * view, nor a log line at the finest level, nor any {@code toString} shows the key, as is or
 * URL-encoded; synchronous and asynchronous calls alike, whatever the auth scheme.
 */
class RedactionPropertyTest {

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

    @BeforeProperty
    void captureEveryLogLine() {
        previousLevel = LOG.getLevel();
        LOG.setLevel(Level.ALL);
        LOG.addHandler(capture);
    }

    @AfterProperty
    void stopCapturing() {
        LOG.removeHandler(capture);
        LOG.setLevel(previousLevel);
    }

    @Property(tries = 60)
    void noErrorPathShowsTheKey(@ForAll("keys") String key, @ForAll AuthScheme scheme, @ForAll boolean async) {
        for (Scenario scenario : scenarios(key)) {
            logLines.clear();
            Script transport = new Script(scenario.steps(), key);
            Observer observer = new Observer();
            HttpOptions options = HttpOptions.builder().authScheme(scheme).observer(observer)
                    .retryPolicy(new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO,
                            RetryPolicy.DEFAULT_RETRYABLE_STATUSES))
                    .build();
            ImageGenerationException failure;
            String portText;
            try (HttpImageGeneration port = HttpImageGeneration.builder(transport, ApiKey.of(key)).options(options)
                    .clock(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC)).sleeper(d -> { })
                    .random(new Random(1)).build()) {
                failure = async ? failAsync(port) : failSync(port);
                portText = port + " " + port.options() + " " + ApiKey.of(key);
            }
            String where = scenario.name() + (async ? " (async)" : "") + " with " + scheme;
            assertThat(transport.sentKey).as("the key went out at all: " + where).isTrue();
            StringBuilder seen = new StringBuilder(portText).append('\n').append(trace(failure)).append('\n')
                    .append(failure.details()).append('\n');
            observer.failures.forEach(f -> seen.append(trace(f)).append('\n'));
            synchronized (logLines) {
                logLines.forEach(line -> seen.append(line).append('\n'));
            }
            String text = seen.toString();
            assertThat(text).as(where).doesNotContain(key).doesNotContain(URLEncoder.encode(key, StandardCharsets.UTF_8));
        }
    }

    private static ImageGenerationException failSync(HttpImageGeneration port) {
        try {
            port.generate(request());
        } catch (ImageGenerationException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static ImageGenerationException failAsync(HttpImageGeneration port) {
        CompletableFuture<?> future = port.generateAsync(request());
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ImageGenerationException.class);
            return (ImageGenerationException) e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the async call did not end", e);
        }
        throw new AssertionError("the call succeeded");
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder().prompt("A red apple on a table").build();
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    // ---- scenarios -------------------------------------------------------------------------

    /** A named script of exchanges. */
    record Scenario(String name, List<Function<HttpRequest, Object>> steps) {
    }

    private static List<Scenario> scenarios(String key) {
        String json = jsonEscaped(key);
        String url = "https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8);
        List<Scenario> s = new ArrayList<>();
        s.add(scenario("400 API_KEY_INVALID echoing the key", r -> reply(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid: "
                + json + "\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\",\"metadata\":{\"key\":\"" + json
                + "\"}}]}}")));
        s.add(scenario("401 proxy envelope", r -> reply(401, "{\"error\":{\"message\":\"Invalid signature for " + json
                + "\",\"type\":\"401\"}}")));
        s.add(scenario("403 error string", r -> reply(403, "{\"error\":\"" + json + "\"}")));
        s.add(scenario("404 page titled with the URL", r -> reply(404, "<html><title>Not found: " + url + "</title></html>")));
        s.add(scenario("404 page echoing the raw key", r -> reply(404, "<html><body><p>no model for key " + key + "</p></body></html>")));
        s.add(scenario("429 per day, key in Retry-After", r -> reply(429, "{\"error\":{\"code\":429,\"message\":\"quota of " + json
                + "\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":[{\"quotaId\":\"PerDay\"}]}]}}", "Retry-After", key)));
        s.add(scenario("503 plain text, always", r -> reply(503, "upstream " + key + " failed " + "x".repeat(1000)),
                r -> reply(503, "upstream " + key + " failed"), r -> reply(503, key)));
        s.add(scenario("422 re-wrapped Google JSON", r -> reply(422, "{\"error\":{\"message\":" + jakarta.json.Json.createValue(
                "{\"error\":{\"message\":\"inner " + key + "\",\"status\":\"INVALID_ARGUMENT\"}}") + "}}")));
        s.add(scenario("302 to a URL with the key", r -> reply(302, "", "Location", url)));
        s.add(scenario("302 to a host named after the key", r -> reply(302, "", "Location", "https://" + key + ".example.com/v1beta")));
        s.add(scenario("302 to a URL with the key as user", r -> reply(302, "", "Location", "https://" + key + "@example.com/")));
        s.add(scenario("200 truncated JSON", r -> reply(200, "{\"candidates\":[" + key)));
        s.add(scenario("200 not JSON", r -> reply(200, "not json " + key)));
        s.add(scenario("200 key as a field name", r -> reply(200, "{\"" + json + "\":1,}")));
        s.add(scenario("200 that breaks off", r -> new Reply(200, Map.of(), ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\""
                + json).getBytes(StandardCharsets.UTF_8), new IOException("connection reset by " + key))));
        s.add(scenario("connection refused, then closed", r -> new ConnectException("Connection refused: " + r.uri()),
                r -> new IOException("closed " + url, new ConnectException(key)), r -> new ConnectException(key)));
        s.add(scenario("unknown host", r -> new UnknownHostException(r.uri().toString())));
        s.add(scenario("timeouts", r -> new SocketTimeoutException("timed out " + key),
                r -> new SocketTimeoutException(r.headers().toString()), r -> new SocketTimeoutException(key)));
        s.add(scenario("a transport bug", r -> new IllegalStateException("bad state for " + r.headers())));
        return s;
    }

    @SafeVarargs
    private static Scenario scenario(String name, Function<HttpRequest, Object>... steps) {
        return new Scenario(name, List.of(steps));
    }

    private static Reply reply(int status, String body, String... header) {
        return new Reply(status, header.length == 0 ? Map.of() : Map.of(header[0], List.of(header[1])),
                body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String jsonEscaped(String text) {
        String quoted = jakarta.json.Json.createValue(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> google = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("-_").ofLength(35).map(s -> "AIza" + s);
        Arbitrary<String> token = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(16)
                .ofMaxLength(48).map(s -> "sk-" + s);
        Arbitrary<String> alphanumeric = Arbitraries.strings().alpha().numeric().ofMinLength(12).ofMaxLength(64);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange('!', '~').ofMinLength(12).ofMaxLength(64);
        return Combinators.combine(Arbitraries.oneOf(google, token, alphanumeric, printable), Arbitraries.of(true, false))
                .as((k, x) -> k);
    }

    // ---- the in-memory transport ---------------------------------------------------------------

    /** A reply: status, headers, body, and an optional failure once the body is read. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body, IOException failAfterBody) {
    }

    /** Plays the steps in order (the last one again when they run out); notes whether the key was sent. */
    private static final class Script implements HttpTransport {
        private final List<Function<HttpRequest, Object>> steps;
        private final String key;
        private int next;
        volatile boolean sentKey;

        Script(List<Function<HttpRequest, Object>> steps, String key) {
            this.steps = steps;
            this.key = key;
        }

        @Override
        public HttpResponse send(HttpRequest request) throws IOException {
            Object step = step(request);
            if (step instanceof IOException e) {
                throw e;
            }
            if (step instanceof RuntimeException e) {
                throw e;
            }
            return response((Reply) step);
        }

        @Override
        public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
            Object step;
            try {
                step = step(request);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (step instanceof Throwable t) {
                return CompletableFuture.failedFuture(t instanceof RuntimeException ? new CompletionException(t) : t);
            }
            return CompletableFuture.completedFuture(response((Reply) step));
        }

        private synchronized Object step(HttpRequest request) throws IOException {
            request.body().orElseThrow().writeTo(new ByteArrayOutputStream());
            sentKey |= key.equals(ApiKeyProbe.revealed(request));
            return steps.get(Math.min(next++, steps.size() - 1)).apply(request);
        }

        @Override
        public void close() {
        }

        private static HttpResponse response(Reply reply) {
            InputStream bytes = new ByteArrayInputStream(reply.body());
            InputStream body = new InputStream() {
                @Override
                public int read() throws IOException {
                    int b = bytes.read();
                    if (b < 0 && reply.failAfterBody() != null) {
                        throw reply.failAfterBody();
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = bytes.read(b, off, len);
                    if (n < 0 && reply.failAfterBody() != null) {
                        throw reply.failAfterBody();
                    }
                    return n;
                }
            };
            return new HttpResponse() {
                @Override
                public int statusCode() {
                    return reply.status();
                }

                @Override
                public Map<String, List<String>> headers() {
                    return reply.headers();
                }

                @Override
                public InputStream body() {
                    return body;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Where the key sits in a request, whatever the auth scheme. */
    private static final class ApiKeyProbe {
        static String revealed(HttpRequest request) {
            for (Map.Entry<String, String> header : request.headers()) {
                if (header.getKey().equalsIgnoreCase("x-goog-api-key")) {
                    return header.getValue();
                }
                if (header.getKey().equalsIgnoreCase("Authorization")) {
                    return header.getValue().replaceFirst("^Bearer ", "");
                }
            }
            String query = request.uri().getRawQuery();
            return query == null ? "" : java.net.URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
        }
    }

    /** Keeps what a {@link CallObserver} is shown of each failure. */
    private static final class Observer implements CallObserver {
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void retryScheduled(RetryScheduled event) {
            failures.add(event.cause());
        }

        @Override
        public void callCompleted(CallCompleted event) {
            event.failure().ifPresent(failures::add);
        }
    }
}
