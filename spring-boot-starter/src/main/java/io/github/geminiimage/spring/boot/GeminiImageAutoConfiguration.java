package io.github.geminiimage.spring.boot;

import io.github.geminiimage.adapter.fake.FakeGeminiClient;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures one {@link GeminiClient} bean, {@code geminiClient}, from the
 * {@code gemini.image.*} properties ({@link GeminiImageProperties}), and three port beans that are
 * its views: {@code geminiImageGeneration} ({@link ImageGenerationPort}), {@code geminiImageFiles}
 * ({@code FilesPort}) and {@code geminiImageBatches} ({@code BatchPort}), the last two created when
 * first needed. The application's own {@code GeminiClient} bean wins, and so does its own bean of
 * any one port; a lent HTTP client bean is never closed. Every {@link CallObserver} bean observes
 * the calls, and a {@code MicrometerCallObserver} when Micrometer's registries are there. A
 * configuration that cannot work fails the startup with a {@link GeminiImageConfigurationException}.
 * The README's "Spring Boot" lists the properties, the transports ({@code jdk}, {@code httpclient5},
 * {@code fake}, a {@link FakeGeminiClient}) and the Vertex AI rules.
 */
@AutoConfiguration
@ConditionalOnClass(ImageGenerationPort.class)
@EnableConfigurationProperties(GeminiImageProperties.class)
// In this order: each transport's bean is registered before the last one checks that none was.
@Import({TransportConfigurations.Metrics.class, TransportConfigurations.Fake.class, TransportConfigurations.HttpClient5.class,
        TransportConfigurations.Jdk.class, TransportConfigurations.Unavailable.class, TransportConfigurations.Views.class})
public class GeminiImageAutoConfiguration {

    /** Created by Spring Boot. */
    public GeminiImageAutoConfiguration() {
    }
}
