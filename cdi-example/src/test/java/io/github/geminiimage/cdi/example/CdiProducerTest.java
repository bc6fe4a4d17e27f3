package io.github.geminiimage.cdi.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.port.FilesPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's CDI producer under Weld SE: injected, used against a loopback server, disposed at shutdown. */
class CdiProducerTest {

    private static volatile GeminiSettings settings;

    /** Stands in for MicroProfile Config. */
    @ApplicationScoped
    public static class SettingsProducer {
        @Produces
        GeminiSettings settings() {
            return settings;
        }
    }

    private HttpServer server;
    private final List<String> keys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        byte[] reply;
        try (InputStream in = getClass().getResourceAsStream("/generate-content-reply.json")) {
            reply = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(exchange.getRequestHeaders().getFirst("x-goog-api-key"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        settings = new GeminiSettings("AIzaCdiKey", URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static Weld weld(Class<?>... beans) {
        return new Weld().disableDiscovery().addBeanClasses(beans).addBeanClasses(SettingsProducer.class, Illustrator.class)
                .property("org.jboss.weld.se.shutdownHook", false);
    }

    @Test
    void theProducedPortIsInjectedAndGeneratesOverHttp() {
        try (WeldContainer container = weld(GeminiClientProducer.class).initialize()) {
            GeneratedImage image = container.select(Illustrator.class).get().illustrate("a lighthouse");
            assertThat(image.mimeType()).isEqualTo("image/png");
        }
        assertThat(keys).containsExactly("AIzaCdiKey");
    }

    @Test
    void theFakeClientAlternativeReplacesItInTestsItsViewsAreThePortsAndItIsDisposedWithTheContainer() {
        FakeImageGeneration fake;
        try (WeldContainer container = weld(GeminiClientProducer.class, FakeGeminiClientProducer.class)
                .initialize()) {
            container.select(Illustrator.class).get().illustrate("a fox");
            fake = FakeGeminiClientProducer.LAST.get().images();
            fake.assertRequestCount(1).assertLastRequest().hasPromptContaining("fox");
            assertThat(container.select(FilesPort.class).get()).isSameAs(FakeGeminiClientProducer.LAST.get().files());
        }
        assertThat(keys).isEmpty();
        FakeImageGeneration closed = fake;
        assertThatThrownBy(() -> closed.generate(GenerationRequest.builder().prompt("after shutdown").build()))
                .isInstanceOf(TransportException.class);
    }
}
