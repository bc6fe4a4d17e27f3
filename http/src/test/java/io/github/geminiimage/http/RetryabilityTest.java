package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import java.io.IOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ImageGenerationException#isRetryable()} says what the engine did with the failure. */
class RetryabilityTest {

    private final Fixture fx = new Fixture();
    private final HttpImageGeneration port = fx.port();

    @AfterEach
    void close() {
        port.close();
    }

    @Test
    void aBrokenConnectionIsRetriedAndSaysSo() {
        fx.transport.fail(new SocketException("Connection reset")).fail(new SocketException("Connection reset"))
                .fail(new SocketException("Connection reset"));
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(fx.transport.requestCount()).isEqualTo(3);
    }

    @Test
    void anUnknownHostIsNotRetriedAndSaysSo() {
        fx.transport.fail(new UnknownHostException("nowhere.invalid"));
        assertThat(Fixture.failure(port).isRetryable()).isFalse();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aTlsFailureIsNotRetriedAndSaysSo() {
        fx.transport.fail(new IOException("handshake", new SSLHandshakeException("PKIX path building failed")));
        assertThat(Fixture.failure(port).isRetryable()).isFalse();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aRefusedRedirectIsNotRetriedAndSaysSo() {
        fx.transport.reply(307, "", "Location", "https://elsewhere.example/");
        assertThat(Fixture.failure(port).isRetryable()).isFalse();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void anInterruptedCallIsNotRetryable() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Fixture.failure(port).isRetryable()).isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aClosedPortIsNotRetryable() {
        fx.transport.reply(503, GOOGLE_503);
        fx.sleeper.duringSleep = port::close;
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e.getMessage()).startsWith("closed");
        assertThat(e.isRetryable()).isFalse();
    }
}
