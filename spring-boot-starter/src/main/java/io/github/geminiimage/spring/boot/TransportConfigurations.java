package io.github.geminiimage.spring.boot;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.http.batch.HttpBatches;
import io.github.geminiimage.micrometer.MicrometerCallObserver;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.spring.boot.internal.Connection;
import io.github.geminiimage.spring.boot.internal.MetricsObserver;
import io.github.geminiimage.spring.boot.internal.SettingsCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * One configuration per transport, imported in order by {@link GeminiImageAutoConfiguration}; they
 * live outside it so that Spring does not process them as its member classes, in no fixed order.
 */
final class TransportConfigurations {

    private static final String PREFIX = "gemini.image";
    private static final String FAKE_ADAPTER = "io.github.geminiimage.adapter.fake.FakeImageGeneration";
    private static final String MICROMETER_OBSERVER = "io.github.geminiimage.micrometer.MicrometerCallObserver";
    private static final String HTTP_CLIENT_5_ADAPTER =
            "io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration";

    private TransportConfigurations() {
    }

    /**
     * The application's observers, then the Micrometer one when {@link Metrics} made it (with
     * {@code gemini-image-micrometer} on the classpath and a registry in the context).
     */
    static CallObserver observer(ObjectProvider<CallObserver> observers, ObjectProvider<MetricsObserver> metrics) {
        List<CallObserver> all = new ArrayList<>();
        observers.orderedStream().forEach(all::add);
        metrics.ifAvailable(m -> m.observer().ifPresent(all::add));
        return CallObserver.all(all);
    }

    /**
     * The Micrometer observer, only when {@code gemini-image-micrometer} (and so Micrometer) is on
     * the classpath: with an {@link ObservationRegistry} (Spring Boot's, when its observation support
     * is on the classpath) one observation per call, whose timer its meter handler records; with a
     * {@link MeterRegistry} only, the timer recorded by the observer. Never both, so no call is timed
     * twice. Without the module no Micrometer type is loaded.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {MICROMETER_OBSERVER, "io.micrometer.core.instrument.MeterRegistry"})
    static class Metrics {

        @Bean
        MetricsObserver geminiImageMetricsObserver(GeminiImageProperties properties,
                ObjectProvider<MeterRegistry> registries, ObjectProvider<ObservationRegistry> observationRegistries) {
            if (!properties.metrics().enabled()) {
                return new MetricsObserver(Optional.empty());
            }
            MeterRegistry meters = registries.getIfUnique();
            ObservationRegistry observations = observationRegistries.getIfUnique();
            if (observations != null) {
                return new MetricsObserver(Optional.of(meters == null ? MicrometerCallObserver.create(observations)
                        : MicrometerCallObserver.create(observations, meters)));
            }
            return new MetricsObserver(Optional.ofNullable(meters).map(MicrometerCallObserver::create));
        }
    }

    /**
     * Builder for a real transport: the connection the properties describe (Gemini API, Vertex AI
     * with tokens, express mode), its options and credentials.
     */
    static <B extends HttpPortBuilder<B>> B configure(B builder, GeminiImageProperties properties,
            ObjectProvider<AccessTokenSource> tokenSources, ResourceLoader loader, CallObserver observer) {
        Connection connection = Connection.resolve(properties, () -> Optional.ofNullable(tokenSources.getIfUnique()),
                ClassUtils.isPresent(Connection.AUTH_GOOGLE_CLASS, loader.getClassLoader()));
        builder.options(SettingsCheck.httpOptions(properties, observer, connection));
        return connection.applyTo(builder);
    }

    /** Builds a port, turning what the library refuses into a startup error. */
    static <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw SettingsCheck.invalid(e);
        }
    }

    /**
     * {@code transport=fake}, when {@code gemini-image-adapter-fake} is on the classpath (an optional
     * dependency: usually test scope): the in-memory port, exposed as its own type for scripting, and
     * one in-memory Files store it reads {@code ImageInput.ofStoredFile} references from. It refuses
     * the settings a real transport refuses, so a test profile cannot hide a bad production value;
     * only the credentials themselves (key, token source) are not required.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = FAKE_ADAPTER)
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "fake")
    static class Fake {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        FakeImageGeneration geminiImageGeneration(GeminiImageProperties properties, ObjectProvider<FakeFiles> stores) {
            Connection.checkSettings(properties);
            SettingsCheck.httpOptions(properties, CallObserver.NONE);
            FakeImageGeneration.Builder builder = FakeImageGeneration.builder();
            stores.ifUnique(builder::files);
            return builder.build();
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(FilesPort.class)
        FakeFiles geminiImageFiles() {
            return FakeFiles.create();
        }

        /** The batch lifecycle in memory, its results files kept in the same Files store. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(BatchPort.class)
        FakeBatches geminiImageBatches(ObjectProvider<FakeFiles> stores) {
            FakeBatches.Builder builder = FakeBatches.builder();
            stores.ifUnique(builder::files);
            return builder.build();
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
                ObjectProvider<CloseableHttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            HttpClient5ImageGeneration.Builder builder = builder(properties, clients, tokenSources, loader,
                    observer(observers, metrics));
            return build(builder::build);
        }

        /** Created when first needed; its settings are the port's, checked when the port is made. */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean(FilesPort.class)
        FilesPort geminiImageFiles(GeminiImageProperties properties,
                ObjectProvider<CloseableHttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            HttpClient5ImageGeneration.Builder builder = builder(properties, clients, tokenSources, loader,
                    observer(observers, metrics));
            return build(builder::buildFiles);
        }

        /** Created when first needed, with a Files port of its own for file jobs and results files. */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean(BatchPort.class)
        BatchPort geminiImageBatches(GeminiImageProperties properties,
                ObjectProvider<CloseableHttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            HttpClient5ImageGeneration.Builder builder = builder(properties, clients, tokenSources, loader,
                    observer(observers, metrics));
            return build(() -> HttpBatches.from(builder));
        }

        private static HttpClient5ImageGeneration.Builder builder(GeminiImageProperties properties,
                ObjectProvider<CloseableHttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, CallObserver observer) {
            HttpClient5ImageGeneration.Builder builder = configure(HttpClient5ImageGeneration.builder(), properties,
                    tokenSources, loader, observer);
            clients.ifUnique(builder::httpClient);
            return builder;
        }
    }

    /** {@code transport=jdk}, the default. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "jdk", matchIfMissing = true)
    static class Jdk {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        ImageGenerationPort geminiImageGeneration(GeminiImageProperties properties,
                ObjectProvider<java.net.http.HttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            JdkHttpImageGeneration.Builder builder = builder(properties, clients, tokenSources, loader,
                    observer(observers, metrics));
            return build(builder::build);
        }

        /** Created when first needed; its settings are the port's, checked when the port is made. */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean(FilesPort.class)
        FilesPort geminiImageFiles(GeminiImageProperties properties,
                ObjectProvider<java.net.http.HttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            JdkHttpImageGeneration.Builder builder = builder(properties, clients, tokenSources, loader,
                    observer(observers, metrics));
            return build(builder::buildFiles);
        }

        /** Created when first needed, with a Files port of its own for file jobs and results files. */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean(BatchPort.class)
        BatchPort geminiImageBatches(GeminiImageProperties properties,
                ObjectProvider<java.net.http.HttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            JdkHttpImageGeneration.Builder builder = builder(properties, clients, tokenSources, loader,
                    observer(observers, metrics));
            return build(() -> HttpBatches.from(builder));
        }

        private static JdkHttpImageGeneration.Builder builder(GeminiImageProperties properties,
                ObjectProvider<java.net.http.HttpClient> clients, ObjectProvider<AccessTokenSource> tokenSources,
                ResourceLoader loader, CallObserver observer) {
            JdkHttpImageGeneration.Builder builder = configure(JdkHttpImageGeneration.builder(), properties,
                    tokenSources, loader, observer);
            clients.ifUnique(builder::httpClient);
            return builder;
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
                    ClassUtils.isPresent(HTTP_CLIENT_5_ADAPTER, loader.getClassLoader()),
                    ClassUtils.isPresent(FAKE_ADAPTER, loader.getClassLoader()));
        }
    }
}
