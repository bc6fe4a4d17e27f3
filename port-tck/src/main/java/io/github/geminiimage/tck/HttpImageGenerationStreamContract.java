package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming contract for an HTTP adapter, over a raw loopback server
 * ({@link RawHttpStreamFixture}: CRLF-framed, chunked events with pauses between them), plus what
 * only shows on a real connection: a connection cut after the first event, a stream silent for
 * longer than the inactivity timeout. A subclass gives only its {@link HttpPortFactory}.
 */
public abstract class HttpImageGenerationStreamContract extends ImageGenerationStreamContract {

    private RawHttpStreamFixture fixture;

    /** Makes the adapter's port. */
    protected abstract HttpPortFactory portFactory();

    @Override
    protected final StreamFixture createFixture() {
        fixture = new RawHttpStreamFixture(portFactory());
        return fixture;
    }

    @Test
    void aStreamAsksForAnEventStreamAndAWholeReplyForJson() {
        ImageGenerationPort port = fixture.portStreamingImage();
        try (GenerationStream stream = port.stream(request())) {
            stream.result();
        }
        port.generate(request());
        assertThat(fixture.requestsReceived()).as("the last two requests, on the port just made")
                .extracting(r -> r.target().replaceFirst("^.*:", ""), r -> r.header("accept").orElse("(none)"))
                .endsWith(tuple("streamGenerateContent?alt=sse", "text/event-stream"),
                        tuple("generateContent", "application/json"));
    }

    @Test
    void aConnectionCutAfterTheFirstEventIsATransportFailureAfterThatEvent() {
        ImageGenerationPort port = fixture.portCuttingTheConnectionAfterFirstEvent();
        List<StreamEvent> events = new ArrayList<>();
        try (GenerationStream stream = port.stream(request())) {
            assertThatThrownBy(() -> stream.forEach(events::add)).isExactlyInstanceOf(TransportException.class);
        }
        assertThat(events).hasSize(1);
    }

    @Test
    void aStreamSilentForLongerThanTheInactivityTimeoutTimesOut() {
        // The first event must arrive within the timeout: a second, not a window a loaded machine can miss.
        ImageGenerationPort port = fixture.portStallingAfterFirstEvent(Duration.ofSeconds(1));
        List<StreamEvent> events = new ArrayList<>();
        try (GenerationStream stream = port.stream(request())) {
            assertThatThrownBy(() -> stream.forEach(events::add)).isExactlyInstanceOf(GenerationTimeoutException.class);
        }
        assertThat(events).hasSize(1);
    }
}
