package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.TransportException;
import org.junit.jupiter.api.Test;

class CloseTest {

    private final Fixture fx = new Fixture();

    private HttpImageGeneration port(boolean ownsTransport) {
        return HttpGeminiClient.builder(fx.transport, ApiKey.of(Fixture.SENTINEL_KEY)).ownsTransport(ownsTransport)
                .clock(fx.clock).sleeper(fx.sleeper).executor(fx.scheduler).random(Fixture.halfJitter()).build().imagesOnly();
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
        assertThat(port.toString()).contains(", closed]");
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

    @Test
    void aViewsCloseLeavesItsClientAndSiblingsOpenAndTheClientsCloseEndsThemAll() {
        HttpGeminiClient client = HttpGeminiClient.builder(fx.transport, ApiKey.of(Fixture.SENTINEL_KEY)).ownsTransport(true)
                .clock(fx.clock).sleeper(fx.sleeper).executor(fx.scheduler).random(Fixture.halfJitter()).build();
        fx.transport.reply(200, SUCCESS_BODY);
        client.files().close();
        client.batches().close();
        client.images().close();

        assertThat(client.images().generate(Fixture.request()).finalImage()).isPresent();
        assertThat(fx.transport.closeCalls).hasValue(0);

        client.close();
        assertThatThrownBy(() -> client.images().generate(Fixture.request())).hasMessageStartingWith("closed");
        assertThatThrownBy(() -> client.batches().get("batches/b1")).hasMessageStartingWith("closed");
        assertThatThrownBy(() -> client.files().get("files/f1")).hasMessageStartingWith("closed");
        assertThat(fx.transport.closeCalls).hasValue(1);
        assertThat(client.images()).isSameAs(client.images());
        assertThat(client.files()).isSameAs(client.files());
        assertThat(client.batches()).isSameAs(client.batches());
    }
}
