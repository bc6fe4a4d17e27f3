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
 * ({@code FilesPort}) and {@code geminiImageBatches} ({@code BatchPort}). One transport, one set of
 * threads per application. The application's own {@code GeminiClient} bean wins (the port beans
 * are then its views), and so does its own bean of any one port.
 * <ul>
 * <li>{@code transport=jdk} (default): over {@code java.net.http}, lent the application's
 *     {@code java.net.http.HttpClient} bean when it has exactly one;</li>
 * <li>{@code transport=httpclient5}: over Apache HttpClient 5 (add
 *     {@code gemini-image-adapter-httpclient5}), lent the application's {@code CloseableHttpClient}
 *     bean when it has exactly one;</li>
 * <li>{@code transport=fake}: a {@link FakeGeminiClient}, its views beans of their own types
 *     ({@code FakeImageGeneration}, {@code FakeFiles}, {@code FakeBatches}) so a test can script
 *     them; a file uploaded through the files bean can be referenced by the image bean. It refuses
 *     the settings the real transports refuse, and needs no key (add {@code gemini-image-adapter-fake},
 *     usually in test scope).</li>
 * </ul>
 * The files and batch beans are created when first needed; on Vertex AI the files bean refuses
 * every call (Vertex AI has no Files API).
 * <p>{@code gemini.image.vertex.project} selects Vertex AI: without an API key, with access tokens
 * from the application's {@code AccessTokenSource} bean, else from Application Default Credentials
 * (add {@code gemini-image-auth-google}); with a key, Vertex AI express mode ({@code global} only).
 * A lent client is never closed; the client bean closes what it created with the context. Every {@link CallObserver} bean observes the calls, and so does a
 * {@code MicrometerCallObserver} (add {@code gemini-image-micrometer}) when the application has an
 * {@code ObservationRegistry} (one
 * observation per call: a span with a tracing bridge, the call timer from its meter handler) or a
 * {@code MeterRegistry} (counters, and the call timer when there is no {@code ObservationRegistry});
 * {@code gemini.image.metrics.enabled=false} turns that off. A configuration that cannot work
 * (no key for a real transport, an unknown transport, a Vertex location without a project, Vertex
 * AI without a way to get tokens) fails the startup with a
 * {@link GeminiImageConfigurationException}.
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
