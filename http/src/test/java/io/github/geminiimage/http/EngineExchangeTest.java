package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.engine.RequestSpec;
import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An endpoint added as a request builder and a reply reader only: the engine does the rest. */
class EngineExchangeTest {

    private final Fixture fx = new Fixture();

    private CallEngine engine(Credentials credentials) {
        return new CallEngine("test engine", fx.transport, credentials, HttpOptions.builder().observer(fx.observer).build(),
                false, fx.clock, fx.sleeper::sleep, fx.scheduler, fx.scheduler, () -> { }, () -> 0.5);
    }

    private static Exchange<String> getFile(String name) {
        return Exchange.of("files.get", Optional.empty(),
                () -> RequestSpec.withoutBody("GET", Endpoint.geminiApi().resource(name)),
                reply -> new String(reply.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aGetWithoutBodyIsSentWithTheCredentialsAndRetriedLikeAnyCall() {
        fx.transport.reply(503, GOOGLE_503).reply(200, "{\"name\":\"files/f1\"}");

        String body = engine(Credentials.apiKey(ApiKey.of(Fixture.SENTINEL_KEY))).execute(getFile("files/f1"));

        assertThat(body).isEqualTo("{\"name\":\"files/f1\"}");
        HttpRequest sent = fx.transport.lastRequest().request();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.body()).isEmpty();
        assertThat(sent.uri()).isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta/files/f1"));
        assertThat(sent.isSensitive("x-goog-api-key")).isTrue();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
        assertThat(fx.observer.events).containsExactly("attempt 1", "retry 2 in PT0.75S after ServerErrorException",
                "attempt 2", "completed after 2 with 200");
    }

    @Test
    void aReaderMayHandTheOpenResponseToTheCaller() throws Exception {
        fx.transport.reply(200, "data: one\n\ndata: two\n\n");
        Exchange<Streamed> stream = Exchange.of("streamGenerateContent", Optional.of("m"),
                () -> RequestSpec.withoutBody("GET", Endpoint.geminiApi().modelMethod("m", "streamGenerateContent"))
                        .withQueryParameter("alt", "sse"),
                reply -> new Streamed(reply.body(), reply.handOver()));

        Streamed streamed = engine(Credentials.apiKey(ApiKey.of(Fixture.SENTINEL_KEY))).execute(stream);

        assertThat(fx.transport.openResponses).as("the caller owns the response now").hasValue(1);
        assertThat(fx.transport.lastRequest().request().uri().getRawQuery()).isEqualTo("alt=sse");
        assertThat(new String(streamed.events().readAllBytes(), StandardCharsets.UTF_8)).startsWith("data: one");
        streamed.handle().close();
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    @Test
    void aSecretUploadUrlNeverReachesAMessage() {
        URI upload = URI.create("https://upload.example/upload/v1beta/files?upload_id=SECRET-ID-123&upload_protocol=resumable");
        fx.transport.reply(400, "{\"error\":{\"code\":400,\"message\":\"bad chunk for " + upload + "\",\"status\":\"INVALID_ARGUMENT\"}}");
        Exchange<String> chunk = Exchange.of("files.upload", Optional.empty(),
                () -> new RequestSpec("PUT", upload, java.util.List.of(), java.util.List.of(), Optional.empty(), true),
                reply -> "ok");

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> engine(Credentials.apiKey(ApiKey.of(Fixture.SENTINEL_KEY))).execute(chunk));

        assertThat(thrown.getMessage()).doesNotContain("SECRET-ID-123");
        assertThat(fx.transport.lastRequest().request().toString()).doesNotContain("SECRET-ID-123");
    }

    /** A reply handed over: its body and the handle that releases it. */
    record Streamed(InputStream events, Closeable handle) {
    }
}
