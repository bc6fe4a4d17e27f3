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
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * One configuration per transport, imported in order by {@link GeminiImageAutoConfiguration}; they
 * live outside it so that Spring does not process them as its member classes, in no fixed order.
 */
final class TransportConfigurations {

    private static final String PREFIX = "gemini.image";
    private static final String HTTP_CLIENT_5_ADAPTER =
            "io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration";

    private TransportConfigurations() {
    }

    /**
     * The application's observers, and the Micrometer one when there is a registry: with an
     * {@link ObservationRegistry} (Spring Boot's, when its observation support is on the classpath)
     * one observation per call, whose timer its meter handler records; with a {@link MeterRegistry}
     * only, the timer recorded by the observer. Never both, so no call is timed twice.
     */
    static CallObserver observer(GeminiImageProperties properties, ObjectProvider<CallObserver> observers,
            ObjectProvider<MeterRegistry> registries, ObjectProvider<ObservationRegistry> observationRegistries) {
        List<CallObserver> all = new ArrayList<>();
        observers.orderedStream().forEach(all::add);
        if (properties.metrics().enabled()) {
            MeterRegistry meters = registries.getIfUnique();
            ObservationRegistry observations = observationRegistries.getIfUnique();
            if (observations != null) {
                all.add(meters == null ? MicrometerCallObserver.create(observations)
                        : MicrometerCallObserver.create(observations, meters));
            } else if (meters != null) {
                all.add(MicrometerCallObserver.create(meters));
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
                ObjectProvider<MeterRegistry> registries, ObjectProvider<ObservationRegistry> observationRegistries) {
            SettingsCheck.checkVertex(properties);
            String key = SettingsCheck.requireApiKey(properties);
            HttpOptions options = SettingsCheck.httpOptions(properties, observer(properties, observers, registries, observationRegistries));
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
                ObjectProvider<MeterRegistry> registries, ObjectProvider<ObservationRegistry> observationRegistries) {
            SettingsCheck.checkVertex(properties);
            String key = SettingsCheck.requireApiKey(properties);
            HttpOptions options = SettingsCheck.httpOptions(properties, observer(properties, observers, registries, observationRegistries));
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
        ImageGenerationPort geminiImageGeneration(GeminiImageProperties properties, ResourceLoader loader) {
            throw SettingsCheck.unavailableTransport(properties.transport(),
                    ClassUtils.isPresent(HTTP_CLIENT_5_ADAPTER, loader.getClassLoader()));
        }
    }
}
