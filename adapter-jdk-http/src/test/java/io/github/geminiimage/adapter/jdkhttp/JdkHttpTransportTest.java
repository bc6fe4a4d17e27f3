package io.github.geminiimage.adapter.jdkhttp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.PatternBody;
import io.github.geminiimage.tck.RecordedReplies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is particular to the JDK transport; the shared contract runs in the *ContractTest classes. */
@Timeout(60)
class JdkHttpTransportTest {

    private WireMockServer wireMock;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        wireMock.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RecordedReplies.forOutcome(Outcome.IMAGE))));
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder().prompt("a red bicycle").build();
    }

    @Test
    void aLentClientAndItsExecutorOutliveThePort() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            HttpClient client = HttpClient.newBuilder().executor(executor).build();
            ImageGenerationPort port = JdkHttpImageGeneration.builder().baseUri(URI.create(wireMock.baseUrl()))
                    .apiKey("test-key").httpClient(client).build();
            assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);

            port.close();

            assertThat(executor.isShutdown()).isFalse();
            java.net.http.HttpResponse<String> stillWorks = client.send(java.net.http.HttpRequest
                    .newBuilder(URI.create(wireMock.baseUrl() + "/after-close")).GET().build(), BodyHandlers.ofString());
            assertThat(stillWorks.statusCode()).isEqualTo(404);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aLentClientThatFollowsRedirectsIsRefused() {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> JdkHttpImageGeneration.builder().apiKey("test-key").httpClient(client).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Redirect.NEVER");
    }

    @Test
    void theBuilderNeedsAKey() {
        assertThatThrownBy(() -> JdkHttpImageGeneration.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBuilderRefusesABaseUriThatHoldsTheApiVersion() {
        assertThatThrownBy(() -> JdkHttpImageGeneration.builder().apiKey("test-key")
                .baseUri(URI.create(wireMock.baseUrl() + "/v1beta")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give baseUri " + wireMock.baseUrl() + ", ");
    }

    @Test
    void theBaseUriOfTheBuilderWinsOverTheOptions() {
        try (ImageGenerationPort port = JdkHttpImageGeneration.builder()
                .options(HttpOptions.builder().baseUri(URI.create("http://127.0.0.1:9")).build())
                .baseUri(URI.create(wireMock.baseUrl())).apiKey("test-key").build()) {
            assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        }
    }

    @Test
    void namesItsThreadsAfterItself() throws Exception {
        try (JdkHttpTransport transport = JdkHttpTransport.create(TransportSettings.DEFAULTS)) {
            try (HttpResponse response = transport.send(new HttpRequest(URI.create(wireMock.baseUrl() + "/x"),
                    List.of(), new PatternBody(100_000), Instant.now().plusSeconds(10)))) {
                response.body().readAllBytes();
            }
            assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                    .anyMatch(name -> name.startsWith(transport.threadNamePrefix() + "-upload-"));
            assertThat(transport.toString()).startsWith("JdkHttpTransport[" + transport.threadNamePrefix());
        }
    }

    /**
     * Why the transport pins HTTP/1.1: over cleartext, a client asking for HTTP/2 sends the upload as
     * an HTTP/1.1 request carrying {@code Upgrade: h2c}. Loopback WireMock (Jetty) declines to
     * upgrade a request that has a body, so the 21 MB upload is served as HTTP/1.1 anyway: asking
     * for HTTP/2 only adds an upgrade attempt.
     */
    @Test
    void aLargeUploadOverCleartextHttp2IsServedAsHttp11Anyway() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        PatternBody body = new PatternBody(21_000_000);
        try (JdkHttpTransport transport = JdkHttpTransport.using(http2, TransportSettings.DEFAULTS);
                HttpResponse response = transport.send(new HttpRequest(URI.create(wireMock.baseUrl() + "/big"),
                        List.of(Map.entry("Content-Type", "application/json")), body, Instant.now().plusSeconds(20)))) {
            assertThat(response.statusCode()).isEqualTo(200);
            response.body().readAllBytes();
        }
        var received = wireMock.getAllServeEvents().get(0).getRequest();
        assertThat(received.getBody()).hasSize(21_000_000);
        assertThat(received.getProtocol()).isEqualTo("HTTP/1.1");
    }
}
