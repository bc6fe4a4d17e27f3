package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.TransportException;
import org.junit.jupiter.api.Test;

class CloseTest {

    private final Fixture fx = new Fixture();

    private HttpImageGeneration port(boolean ownsTransport) {
        return HttpImageGeneration.builder(fx.transport, ApiKey.of(Fixture.SENTINEL_KEY)).ownsTransport(ownsTransport)
                .clock(fx.clock).sleeper(fx.sleeper).executor(fx.scheduler).random(Fixture.halfJitter()).build();
    }

    @Test
    void callsAfterCloseFailAtOnceWithoutSending() {
        HttpImageGeneration port = port(false);
        port.close();

        assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.getMessage()).startsWith("closed");
            assertThat(e.attempts()).isZero();
        });
        assertThat(port.generateAsync(Fixture.request())).isCompletedExceptionally();
        assertThat(fx.transport.requestCount()).isZero();
    }

    @Test
    void closesAnOwnedTransportOnceHoweverOftenItIsClosed() {
        HttpImageGeneration port = port(true);
        port.close();
        port.close();
        assertThat(fx.transport.closeCalls).hasValue(1);
        assertThat(port.toString()).endsWith(", closed]");
    }

    @Test
    void neverClosesALentTransport() {
        port(false).close();
        assertThat(fx.transport.closeCalls).hasValue(0);
    }

    @Test
    void neverShutsDownALentExecutor() {
        port(true).close();
        assertThat(fx.scheduler.isShutdown()).isFalse();
    }

    @Test
    void aBlockingCallWaitingToRetryFailsOnceClosed() {
        HttpImageGeneration port = port(true);
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);
        fx.sleeper.duringSleep = port::close;

        assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.getMessage()).startsWith("closed");
            assertThat(e.attempts()).isEqualTo(1);
        });
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(fx.transport.openResponses).hasValue(0);
    }
}
