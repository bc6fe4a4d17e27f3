package io.github.geminiimage.spring.boot;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.micrometer.MicrometerCallObserver;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.spring.boot.internal.CompositeCallObserver;
import io.github.geminiimage.spring.boot.internal.SettingsCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures one {@link ImageGenerationPort} bean, {@code geminiImageGeneration}, from the
 * {@code gemini.image.*} properties ({@link GeminiImageProperties}), unless the application defines
 * its own {@code ImageGenerationPort}:
 * <ul>
 * <li>{@code transport=jdk} (default): over {@code java.net.http}, lent the application's
 *     {@code java.net.http.HttpClient} bean when it has exactly one;</li>
 * <li>{@code transport=httpclient5}: over Apache HttpClient 5 (add
 *     {@code gemini-image-adapter-httpclient5}), lent the application's {@code CloseableHttpClient}
 *     bean when it has exactly one;</li>
 * <li>{@code transport=fake}: a {@link FakeImageGeneration} bean, so a test can script it.</li>
 * </ul>
 * A lent client is never closed by the port; everything the port created is closed with the
 * context. Every {@link CallObserver} bean observes the calls, and so does a
 * {@link MicrometerCallObserver} when the application has a {@link MeterRegistry}
 * ({@code gemini.image.metrics.enabled=false} turns that off). A configuration that cannot work
 * (no key for a real transport, an unknown transport, a Vertex setting) fails the startup with a
 * {@link GeminiImageConfigurationException}.
 */
@AutoConfiguration
@ConditionalOnClass(ImageGenerationPort.class)
@EnableConfigurationProperties(GeminiImageProperties.class)
@Import({GeminiImageAutoConfiguration.Fake.class, GeminiImageAutoConfiguration.HttpClient5.class,
        GeminiImageAutoConfiguration.Jdk.class, GeminiImageAutoConfiguration.Unavailable.class})
public class GeminiImageAutoConfiguration {

    private static final String PREFIX = "gemini.image";
    private static final String HTTP_CLIENT_5_ADAPTER =
            "io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration";

    /** Created by Spring Boot. */
    public GeminiImageAutoConfiguration() {
    }

    static CallObserver observer(GeminiImageProperties properties, ObjectProvider<CallObserver> observers,
            ObjectProvider<MeterRegistry> registries) {
        List<CallObserver> all = new ArrayList<>();
        observers.orderedStream().forEach(all::add);
        if (properties.metrics().enabled()) {
            MeterRegistry registry = registries.getIfUnique();
            if (registry != null) {
                all.add(MicrometerCallObserver.create(registry));
            }
        }
        return CompositeCallObserver.of(all);
    }

    /** {@code transport=fake}: the in-memory port, exposed as its own type for scripting. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "fake")
    static class Fake {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        FakeImageGeneration geminiImageGeneration(GeminiImageProperties properties) {
            SettingsCheck.checkVertex(properties);
            return FakeImageGeneration.create();
        }
    }

    /** {@code transport=httpclient5}, when its adapter is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {HTTP_CLIENT_5_ADAPTER, "org.apache.hc.client5.http.impl.classic.CloseableHttpClient"})
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "httpclient5")
    static class HttpClient5 {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        ImageGenerationPort geminiImageGeneration(GeminiImageProperties properties,
                ObjectProvider<CloseableHttpClient> clients, ObjectProvider<CallObserver> observers,
                ObjectProvider<MeterRegistry> registries) {
            SettingsCheck.checkVertex(properties);
            String key = SettingsCheck.requireApiKey(properties);
            HttpOptions options = SettingsCheck.httpOptions(properties, observer(properties, observers, registries));
            HttpClient5ImageGeneration.Builder builder = HttpClient5ImageGeneration.builder().apiKey(key).options(options);
            CloseableHttpClient lent = clients.getIfUnique();
            if (lent != null) {
                builder.httpClient(lent);
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw SettingsCheck.invalid(e);
            }
        }
    }

    /** {@code transport=jdk}, the default. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "jdk", matchIfMissing = true)
    static class Jdk {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        ImageGenerationPort geminiImageGeneration(GeminiImageProperties properties,
                ObjectProvider<java.net.http.HttpClient> clients, ObjectProvider<CallObserver> observers,
                ObjectProvider<MeterRegistry> registries) {
            SettingsCheck.checkVertex(properties);
            String key = SettingsCheck.requireApiKey(properties);
            HttpOptions options = SettingsCheck.httpOptions(properties, observer(properties, observers, registries));
            JdkHttpImageGeneration.Builder builder = JdkHttpImageGeneration.builder().apiKey(key).options(options);
            java.net.http.HttpClient lent = clients.getIfUnique();
            if (lent != null) {
                builder.httpClient(lent);
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw SettingsCheck.invalid(e);
            }
        }
    }

    /**
     * Last: no configuration above applied and the application has no port of its own, so the
     * transport is unknown or its adapter is missing. Fails the startup saying which.
     */
    @Configuration(proxyBeanMethods = false)
    static class Unavailable {

        @Bean
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        ImageGenerationPort geminiImageGeneration(GeminiImageProperties properties) {
            throw SettingsCheck.unavailableTransport(properties.transport(),
                    ClassUtils.isPresent(HTTP_CLIENT_5_ADAPTER, GeminiImageAutoConfiguration.class.getClassLoader()));
        }
    }
}
