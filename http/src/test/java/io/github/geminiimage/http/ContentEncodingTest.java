package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core, not the transport, inflates a reply; a bad or cut gzip stream is a malformed reply. */
class ContentEncodingTest {

    private final Fixture fx = new Fixture();
    private final HttpImageGeneration port = fx.port();

    @AfterEach
    void everyResponseWasClosed() {
        port.close();
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void aGzipReplyIsInflatedAndCountedAsItCameOffTheWire() {
        byte[] body = gzip(SUCCESS_BODY);
        fx.transport.reply(200, body, "Content-Encoding", "gzip", "Content-Length", String.valueOf(body.length));

        assertThat(port.generate(Fixture.request()).requireImage().mimeType()).isEqualTo("image/png");
        assertThat(fx.observer.completions.get(0).bytesReceived()).isEqualTo(body.length);
    }

    @Test
    void aBodyLabelledGzipThatIsNotGzipIsMalformedAndNotRetried() {
        fx.transport.reply(200, SUCCESS_BODY, "Content-Encoding", "gzip").always(200, SUCCESS_BODY);

        assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOfSatisfying(MalformedResponseException.class,
                e -> {
                    assertThat(e.getMessage()).contains("not a valid gzip stream");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aGzipStreamCutShortWhileTheFramingIsCompleteIsMalformedAndNotRetried() {
        byte[] whole = gzip(SUCCESS_BODY);
        fx.transport.reply(200, Arrays.copyOf(whole, whole.length / 2), "Content-Encoding", "gzip").always(200, SUCCESS_BODY);

        assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("cut short");
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aConnectionBreakingInsideAGzipBodyIsStillAConnectionFailureAndRetried() {
        fx.transport.replyThenBreak(200, "", new SocketException("Connection reset"), "Content-Encoding", "gzip")
                .reply(200, SUCCESS_BODY);

        assertThat(port.generate(Fixture.request()).finalImage()).isPresent();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void theCapAppliesToTheInflatedBytes() {
        StringBuilder padded = new StringBuilder(SUCCESS_BODY.substring(0, SUCCESS_BODY.length() - 1));
        padded.append(",\"modelVersion2\":\"").append("a".repeat(200_000)).append("\"}");
        byte[] small = gzip(padded.toString());
        try (HttpImageGeneration capped = fx.port(o -> o.maxResponseBytes(64 * 1024))) {
            fx.transport.reply(200, small, "Content-Encoding", "gzip", "Content-Length", String.valueOf(small.length));
            assertThat(small.length).isLessThan(64 * 1024);
            assertThatThrownBy(() -> capped.generate(Fixture.request())).isInstanceOf(ResponseTooLargeException.class);
        }
    }

    @Test
    void anEncodingTheCoreDoesNotDecodeIsMalformed() {
        fx.transport.reply(200, SUCCESS_BODY, "Content-Encoding", "br");
        assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("Content-Encoding");
    }
}
