package io.github.geminiimage.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.spring.boot.StubGeminiServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tiny application generates through the fake, then, with {@code gemini.image.transport}
 * changed from {@code fake} to {@code jdk} and nothing else, through the JDK transport against a
 * loopback server answering a recorded reply.
 */
@SpringBootTest(classes = IllustrationApplication.class, properties = "gemini.image.transport=fake")
class IllustrationApplicationTest {

    private static final StubGeminiServer SERVER = StubGeminiServer.start();

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("gemini.image.api-key", () -> "AIzaSampleAppKey");
        registry.add("gemini.image.base-url", () -> SERVER.uri().toString());
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    Illustrator illustrator;

    @Autowired
    FakeImageGeneration fake;

    @Test
    void throughTheFakeAndThenThroughARealTransportByChangingOneProperty() {
        GeneratedImage offline = illustrator.illustrate("a lighthouse").orElseThrow();
        assertThat(offline.mimeType()).isEqualTo("image/png");
        fake.assertRequestCount(1).assertLastRequest().hasPromptContaining("lighthouse");
        fake.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(30)));
        assertThat(illustrator.illustrate("a fox")).isEmpty();
        assertThat(SERVER.received()).isEmpty();

        try (ConfigurableApplicationContext real = new SpringApplicationBuilder(IllustrationApplication.class)
                .properties("spring.main.banner-mode=off", "gemini.image.api-key=AIzaSampleAppKey",
                        "gemini.image.base-url=" + SERVER.uri())
                .run("--gemini.image.transport=jdk")) {
            assertThat(real.getBeansOfType(FakeImageGeneration.class)).isEmpty();
            GeneratedImage online = real.getBean(Illustrator.class).illustrate("an axolotl").orElseThrow();
            assertThat(online.mimeType()).isEqualTo("image/png");
            assertThat(online.pixelSize()).hasValueSatisfying(size -> assertThat(size.width()).isEqualTo(1));
        }
        assertThat(SERVER.received()).singleElement()
                .satisfies(r -> assertThat(r.header("x-goog-api-key")).isEqualTo("AIzaSampleAppKey"));
    }
}
