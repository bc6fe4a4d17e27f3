package io.github.geminiimage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observer wired into a real port, against a loopback server that fails once and then answers. */
class MicrometerCallObserverEndToEndTest {

    private static final String KEY = "AIzaTestKey-never-in-a-tag";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        byte[] reply;
        try (InputStream in = getClass().getResourceAsStream("/generate-content-reply.json")) {
            reply = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean first = requests.incrementAndGet() == 1;
            byte[] body = first ? "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}".getBytes() : reply;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(first ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aCallRetriedOnceIsOneTimedSuccessWithTwoAttemptsAndOneRetry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpOptions options = HttpOptions.builder()
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
                .observer(MicrometerCallObserver.create(registry))
                .build();
        try (ImageGenerationPort port = JdkHttpImageGeneration.builder().apiKey(KEY)
                .baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).options(options).build()) {
            port.generate(GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("an axolotl").build());
        }

        assertThat(registry.get(MicrometerCallObserver.CALLS).tag("model", "gemini-2.5-flash-image")
                .tag("outcome", "success").tag("status", "2xx").timer().count()).isEqualTo(1);
        assertThat(registry.get(MicrometerCallObserver.ATTEMPTS).counter().count()).isEqualTo(2.0);
        assertThat(registry.get(MicrometerCallObserver.RETRIES).tag("cause", "ServerErrorException").counter().count())
                .isEqualTo(1.0);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).noneMatch(t -> t.getValue().contains(KEY) || t.getValue().contains("axolotl"));
        }
    }
}
