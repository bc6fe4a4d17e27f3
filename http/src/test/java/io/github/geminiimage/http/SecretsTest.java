package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.SENTINEL_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ImageGenerationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs every kind of failure with a sentinel key that the server and the transport echo back. */
class SecretsTest {

    private static final String URL_WITH_KEY = "https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key="
            + SENTINEL_KEY;

    private static List<Consumer<FakeTransport>> scenarios() {
        List<Consumer<FakeTransport>> s = new ArrayList<>();
        s.add(t -> t.reply(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid: " + SENTINEL_KEY + "\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\",\"metadata\":{\"key\":\""
                + SENTINEL_KEY + "\"}}]}}"));
        s.add(t -> t.reply(401, "{\"error\":{\"message\":\"Invalid signature for " + SENTINEL_KEY + "\",\"type\":\"401\"}}"));
        s.add(t -> t.reply(403, "{\"error\":\"" + SENTINEL_KEY + "\"}"));
        s.add(t -> t.reply(404, "<html><title>Not found: " + URL_WITH_KEY + "</title></html>"));
        s.add(t -> t.reply(429, "{\"error\":{\"code\":429,\"message\":\"quota of " + SENTINEL_KEY + "\",\"status\":"
                + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"violations\":[{\"quotaId\":\"PerDay\"}]}]}}", "Retry-After", SENTINEL_KEY));
        s.add(t -> t.always(503, "upstream " + SENTINEL_KEY + " failed " + "x".repeat(1000)));
        s.add(t -> t.reply(422, "{\"error\":{\"message\":" + jakarta.json.Json.createValue("{\"error\":{\"message\":\"inner "
                + SENTINEL_KEY + "\",\"status\":\"INVALID_ARGUMENT\"}}") + "}}"));
        s.add(t -> t.reply(302, "", "Location", URL_WITH_KEY));
        s.add(t -> t.reply(200, "{\"candidates\":[" + SENTINEL_KEY));
        s.add(t -> t.reply(200, "not json " + SENTINEL_KEY));
        s.add(t -> t.fail(new ConnectException("Connection refused: " + URL_WITH_KEY))
                .fail(new IOException("closed " + URL_WITH_KEY, new ConnectException(SENTINEL_KEY)))
                .fail(new ConnectException(SENTINEL_KEY)));
        s.add(t -> t.fail(new UnknownHostException(URL_WITH_KEY)));
        s.add(t -> t.fail(new SocketTimeoutException("timed out " + SENTINEL_KEY)).fail(new SocketTimeoutException(SENTINEL_KEY))
                .fail(new SocketTimeoutException(SENTINEL_KEY)));
        return s;
    }

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void theKeyAppearsInNoExceptionMessageExcerptOrCause(AuthScheme scheme) {
        List<Consumer<FakeTransport>> scenarios = scenarios();
        for (int i = 0; i < scenarios.size(); i++) {
            for (boolean async : new boolean[] {false, true}) {
                Fixture fx = new Fixture();
                scenarios.get(i).accept(fx.transport);
                ImageGenerationException e;
                try (HttpImageGeneration port = fx.port(o -> o.authScheme(scheme))) {
                    e = async ? fx.failureAsync(port) : Fixture.failure(port);
                    assertThat(port.toString()).doesNotContain(SENTINEL_KEY);
                    assertThat(port.options().toString()).doesNotContain(SENTINEL_KEY);
                }
                String where = "scenario " + i + (async ? " async" : " sync");
                assertNoKey(e, where);
                for (RecordingObserver.Completion c : fx.observer.completions) {
                    assertNoKey(c.failure(), where + " (observer)");
                }
                assertThat(fx.transport.openResponses).as(where).hasValue(0);
            }
        }
    }

    @Test
    void theApiKeyTypeIsRedacted() {
        assertThat(ApiKey.of(SENTINEL_KEY).toString()).doesNotContain(SENTINEL_KEY);
    }

    private static void assertNoKey(Throwable top, String where) {
        assertThat(top).as(where).isNotNull();
        if (top instanceof ImageGenerationException e) {
            assertThat(e.bodyExcerpt().orElse("")).as(where + " excerpt").doesNotContain(SENTINEL_KEY);
            assertThat(e.serverMessage().orElse("")).as(where + " server message").doesNotContain(SENTINEL_KEY);
            assertThat(e.serverStatus().orElse("")).as(where + " server status").doesNotContain(SENTINEL_KEY);
            assertThat(e.details().toString()).as(where + " details").doesNotContain(SENTINEL_KEY);
        }
        for (Throwable t = top; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as(where + " message of " + t.getClass()).doesNotContain(SENTINEL_KEY);
            assertThat(t.toString()).as(where + " toString of " + t.getClass()).doesNotContain(SENTINEL_KEY);
            for (Throwable s : t.getSuppressed()) {
                assertThat(s.toString()).as(where + " suppressed").doesNotContain(SENTINEL_KEY);
            }
        }
    }
}
