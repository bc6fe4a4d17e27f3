package io.github.geminiimage.adapter.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.RawHttpServer;
import io.github.geminiimage.tck.TckSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The port built by {@link HttpClient5ImageGeneration}, end to end against a loopback server. */
@Timeout(60)
class HttpClient5ImageGenerationTest {

    private static final String KEY = TckSecrets.SENTINEL_KEY;
    private static final GenerationRequest REQUEST = GenerationRequest.builder()
            .model(ImageModel.GEMINI_2_5_FLASH_IMAGE).prompt("an axolotl").build();

    private static byte[] recordedReply() throws IOException {
        try (InputStream in = HttpClient5ImageGenerationTest.class.getResourceAsStream("/reply-text-and-png.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void generatesAnImageThroughTheBaseUriWithTheKeyInItsHeader() throws Exception {
        byte[] reply = recordedReply();
        try (RawHttpServer server = RawHttpServer.start(c -> {
                while (c.readRequest().isPresent()) {
                    c.reply(200, "application/json", reply);
                }
            });
            ImageGenerationPort images = HttpClient5ImageGeneration.builder()
                    .baseUri(server.baseUri())
                    .apiKey(KEY)
                    .build()) {

            GenerationResult result = images.generate(REQUEST);

            assertThat(result.requireImage().bytes()).startsWith(0x89, 'P', 'N', 'G');
            RawHttpServer.ReceivedRequest received = server.requests().get(0);
            assertThat(received.target()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent");
            assertThat(received.header("x-goog-api-key")).contains(KEY);
            assertThat(received.header("content-length")).contains(Long.toString(received.bodyLength()));
        }
    }

    @Test
    void aLentClientWithItsOwnRetriesOnIsRetriedOnlyByTheCoreAndStaysOpen() throws Exception {
        byte[] reply = recordedReply();
        AtomicInteger calls = new AtomicInteger();
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        try (RawHttpServer server = RawHttpServer.start(c -> {
                while (c.readRequest().isPresent()) {
                    if (calls.incrementAndGet() == 1) {
                        c.write("HTTP/1.1 503 X\r\nRetry-After: 0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                    } else {
                        c.reply(200, "application/json", reply);
                    }
                }
            });
            CloseableHttpClient lent = HttpClients.custom().setConnectionManager(pool).build()) {
            HttpOptions options = HttpOptions.builder().baseUri(server.baseUri())
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1)))
                    .build();
            try (ImageGenerationPort images = HttpClient5ImageGeneration.builder()
                    .options(options).apiKey(KEY).httpClient(lent).build()) {
                assertThat(images.generate(REQUEST).finalImage()).isPresent();
            }

            assertThat(server.requests()).hasSize(2);
            assertThat(pool.isClosed()).isFalse();
            assertThat(pool.getTotalStats().getLeased()).isZero();
        }
    }

    @Test
    void buildingWithoutAKeyFails() {
        assertThatThrownBy(() -> HttpClient5ImageGeneration.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey");
    }

    @Test
    void aBadKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> HttpClient5ImageGeneration.builder().apiKey("secret\nvalue"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void aReplyHeadOverTheClientsLimitFailsAtOnceWithoutRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String longLine = "X-Padding: " + "a".repeat(16 * 1024) + "\r\n";
        try (RawHttpServer server = RawHttpServer.start(c -> {
                while (c.readRequest().isPresent()) {
                    calls.incrementAndGet();
                    c.write("HTTP/1.1 200 OK\r\n" + longLine + "Content-Length: 2\r\n\r\n{}");
                }
            });
            ImageGenerationPort images = HttpClient5ImageGeneration.builder()
                    .baseUri(server.baseUri())
                    .apiKey(KEY)
                    .build()) {

            assertThatThrownBy(() -> images.generate(REQUEST))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.details().attempts()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("reply head");
                    });
            assertThat(calls).hasValue(1);
        }
    }
}
