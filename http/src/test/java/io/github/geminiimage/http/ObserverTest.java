package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ServerErrorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObserverTest {

    private final Fixture fx = new Fixture();

    @Test
    void seesEachAttemptTheRetryAndTheCompletionWithItsCounts() {
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port()) {
            port.generate(Fixture.request());
        }

        assertThat(fx.observer.events).containsExactly("attempt 1", "retry 2 in PT0.75S after ServerErrorException",
                "attempt 2", "completed after 2 with 200");
        RecordingObserver.Completion c = fx.observer.completions.get(0);
        long bodyLength = fx.transport.lastRequest().body().length;
        assertThat(c.modelId()).isEqualTo("gemini-2.5-flash-image");
        assertThat(c.bytesSent()).isEqualTo(2 * bodyLength);
        assertThat(c.bytesReceived()).isEqualTo(GOOGLE_503.getBytes(StandardCharsets.UTF_8).length
                + SUCCESS_BODY.getBytes(StandardCharsets.UTF_8).length);
        assertThat(c.duration()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.usage().totalTokens()).isEqualTo(1297);
        assertThat(c.failure()).isNull();
    }

    @Test
    void seesTheFailureOfAFailedCall() {
        fx.transport.always(503, GOOGLE_503);
        try (HttpImageGeneration port = fx.port(o -> o.retryPolicy(RetryPolicy.noRetries()))) {
            assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOf(ServerErrorException.class);
        }
        RecordingObserver.Completion c = fx.observer.completions.get(0);
        assertThat(c.failure()).isInstanceOf(ServerErrorException.class);
        assertThat(c.httpStatus()).isEqualTo(503);
        assertThat(c.usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void anObserverThatThrowsChangesNothing() {
        CallObserver throwing = new CallObserver() {
            @Override
            public void attemptStarted(AttemptStarted event) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void retryScheduled(RetryScheduled event) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void callCompleted(CallCompleted event) {
                throw new IllegalStateException("observer bug");
            }
        };
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY).reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port(o -> o.observer(throwing))) {
            assertThat(port.generate(Fixture.request()).finalImage()).isPresent();
            assertThat(port.generateAsync(Fixture.request()).join().finalImage()).isPresent();
        }
    }

    @Test
    void aCallEndedByAnErrorIsStillReportedCompleted_soPerCallStateIsReleased() {
        HttpTransport broken = new HttpTransport() {
            @Override
            public HttpResponse send(HttpRequest request) {
                throw new AssertionError("a bug below the engine");
            }

            @Override
            public java.util.concurrent.CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                throw new AssertionError("a bug below the engine");
            }

            @Override
            public void close() {
            }
        };
        try (HttpImageGeneration port = HttpGeminiClient.builder(broken, ApiKey.of(Fixture.SENTINEL_KEY))
                .options(HttpOptions.builder().observer(fx.observer).build()).build().imagesOnly()) {
            assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOf(AssertionError.class);
        }

        assertThat(fx.observer.events).containsExactly("attempt 1", "completed after 1 with 0 AssertionError");
        assertThat(fx.observer.completions.get(0).failure()).isInstanceOf(AssertionError.class);
    }
}
