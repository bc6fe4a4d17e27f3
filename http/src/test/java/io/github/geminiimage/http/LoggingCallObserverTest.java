package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SENTINEL_KEY;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoggingCallObserverTest {

    private final Fixture fx = new Fixture();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private void generateWith(CallObserver observer, UnaryOperatorOptions more) {
        try (HttpImageGeneration port = fx.port(o -> more.apply(o.observer(observer)))) {
            port.generate(Fixture.request());
        }
    }

    private interface UnaryOperatorOptions {
        HttpOptions.Builder apply(HttpOptions.Builder builder);
    }

    @Test
    void showsTheRequestLineTheRedactedHeadersTheRepliesTheRetryAndTheTotals() {
        fx.transport.reply(503, GOOGLE_503, "Retry-After", "1").reply(200, SUCCESS_BODY, "Content-Type", "application/json");

        generateWith(LoggingCallObserver.lines(lines::add), o -> o.addHeader("X-Trace", "t-1"));

        long body = fx.transport.lastRequest().body().length;
        String uri = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-image:generateContent";
        assertThat(lines).contains(
                "[call %d] generateContent attempt 1: POST %s, body %d B".formatted(callId(), uri, body),
                "[call %d] > x-goog-api-key: [redacted]".formatted(callId()),
                "[call %d] > X-Trace: t-1".formatted(callId()),
                "[call %d] > Content-Type: application/json".formatted(callId()),
                "[call %d] < 503 after 0 ms".formatted(callId()),
                "[call %d] < Retry-After: 1".formatted(callId()),
                "[call %d] generateContent attempt 2: POST %s, body %d B".formatted(callId(), uri, body),
                "[call %d] < 200 after 0 ms".formatted(callId()));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("[call %d] generateContent: attempt 2 in 1.0 s, after ServerErrorException (".formatted(callId())));
        assertThat(lines.get(lines.size() - 1)).startsWith("[call %d] generateContent done: HTTP 200, 2 attempts, sent "
                .formatted(callId())).endsWith(" in 1.0 s");
    }

    private long callId() {
        String first = lines.get(0);
        return Long.parseLong(first.substring("[call ".length(), first.indexOf(']')));
    }

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void neverWritesTheKeyWhateverTheSchemeEvenWhenTheReplyEchoesIt(AuthScheme scheme) {
        fx.transport.reply(200, SUCCESS_BODY, "X-Echo", "your key is " + SENTINEL_KEY,
                "Set-Cookie", "session=abc", "X-Goog-Upload-URL", "https://upload.example/?upload_id=xyz");

        generateWith(LoggingCallObserver.lines(lines::add), o -> o.authScheme(scheme));

        String all = String.join("\n", lines);
        assertThat(all).doesNotContain(SENTINEL_KEY)
                .doesNotContain(URLEncoder.encode(SENTINEL_KEY, StandardCharsets.UTF_8))
                .doesNotContain("session=abc").doesNotContain("upload_id=xyz")
                .contains("X-Echo: your key is [redacted]");
        // The key really was on the wire, where it belongs.
        FakeTransport.Recorded sent = fx.transport.lastRequest();
        assertThat(sent.request().uri().toString() + sent.request().headers()).contains(
                scheme == AuthScheme.QUERY_PARAMETER ? URLEncoder.encode(SENTINEL_KEY, StandardCharsets.UTF_8) : SENTINEL_KEY);
        if (scheme == AuthScheme.QUERY_PARAMETER) {
            assertThat(all).contains(":generateContent?key=[redacted]");
        }
    }

    @Test
    void writesEachLineAtItsLevelAndOnlyWhatTheLoggerWants() {
        RecordingLogger logger = new RecordingLogger(Level.INFO);
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);

        generateWith(LoggingCallObserver.to(logger), o -> o);

        // At INFO: the retry only (the call succeeded, so its summary is DEBUG).
        assertThat(logger.records).hasSize(1);
        assertThat(logger.records.get(0)).startsWith("INFO ").contains("attempt 2 in 750 ms");

        RecordingLogger all = new RecordingLogger(Level.ALL);
        fx.transport.always(503, GOOGLE_503);
        try (HttpImageGeneration port = fx.port(o -> o.observer(LoggingCallObserver.to(all))
                .retryPolicy(RetryPolicy.noRetries()))) {
            port.generate(Fixture.request());
        } catch (RuntimeException expected) {
            // the failure is what is logged
        }
        assertThat(all.records).anyMatch(r -> r.startsWith("DEBUG ") && r.contains("attempt 1: POST "))
                .anyMatch(r -> r.startsWith("TRACE ") && r.contains("> x-goog-api-key: [redacted]"))
                .anyMatch(r -> r.startsWith("INFO ") && r.contains("generateContent failed: ServerErrorException")
                        && r.contains("HTTP 503, 1 attempt"));
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        assertThat(LoggingCallObserver.size(512)).isEqualTo("512 B");
        assertThat(LoggingCallObserver.size(1536)).isEqualTo("1.5 KiB");
        assertThat(LoggingCallObserver.size(24L * 1024 * 1024)).isEqualTo("24.0 MiB");
        assertThat(LoggingCallObserver.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(LoggingCallObserver.duration(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(LoggingCallObserver.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
    }

    @Test
    void allTellsEveryObserverEvenAfterOneThrows() {
        List<String> second = new CopyOnWriteArrayList<>();
        CallObserver throwing = new CallObserver() {
            @Override
            public void requestSent(RequestSent event) {
                throw new IllegalStateException("observer bug");
            }
        };
        fx.transport.reply(200, SUCCESS_BODY);

        generateWith(CallObserver.all(List.of(throwing, LoggingCallObserver.lines(second::add))), o -> o);

        assertThat(second).anyMatch(line -> line.contains("attempt 1: POST "));
        assertThat(CallObserver.all(List.of())).isSameAs(CallObserver.NONE);
        assertThat(CallObserver.all(List.of(throwing, CallObserver.NONE))).isSameAs(throwing);
    }

    /** A System.Logger that keeps "LEVEL message" for each record at or above its level. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> records = new CopyOnWriteArrayList<>();
        private final Level threshold;

        RecordingLogger(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                records.add(level.getName() + " " + msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                records.add(level.getName() + " " + format);
            }
        }
    }
}
