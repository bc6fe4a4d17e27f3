package io.github.geminiimage.cdi.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.port.FilesPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's CDI producer under Weld SE: injected, used against the emulator, disposed at shutdown. */
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

    private GeminiEmulator emulator;

    @BeforeEach
    void startServer() {
        // Only this key passes: a call with another would fail.
        emulator = GeminiEmulator.builder().apiKey("AIzaCdiKey").start();
        settings = new GeminiSettings("AIzaCdiKey", emulator.baseUri());
    }

    @AfterEach
    void stopServer() {
        emulator.close();
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
        assertThat(emulator.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
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
        assertThat(emulator.requests()).isEmpty();
        FakeImageGeneration closed = fake;
        assertThatThrownBy(() -> closed.generate(GenerationRequest.builder().prompt("after shutdown").build()))
                .isInstanceOf(TransportException.class);
    }
}
