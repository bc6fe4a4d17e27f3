package io.github.geminiimage.spring.boot;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.adapter.fake.FakeGeminiClient;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5GeminiClient;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.micrometer.MicrometerCallObserver;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.spring.boot.internal.Connection;
import io.github.geminiimage.spring.boot.internal.MetricsObserver;
import io.github.geminiimage.spring.boot.internal.SettingsCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            "io.github.geminiimage.adapter.httpclient5.HttpClient5GeminiClient";

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
     * The client of a real transport: the connection the properties describe (Gemini API, Vertex AI
     * with tokens, express mode), its options and credentials, over the lent client if any; what
     * the library refuses is a startup error.
     */
    static <B extends HttpPortBuilder<B, GeminiClient>> GeminiClient client(B builder, GeminiImageProperties properties,
            ObjectProvider<AccessTokenSource> tokenSources, ResourceLoader loader, CallObserver observer) {
        Connection connection = Connection.resolve(properties, () -> Optional.ofNullable(tokenSources.getIfUnique()),
                ClassUtils.isPresent(Connection.AUTH_GOOGLE_CLASS, loader.getClassLoader()));
        builder.options(SettingsCheck.httpOptions(properties, observer, connection));
        try {
            return connection.applyTo(builder).build();
        } catch (IllegalArgumentException e) {
            throw SettingsCheck.invalid(e);
        }
    }

    /**
     * {@code transport=fake}, when {@code gemini-image-adapter-fake} is on the classpath (an optional
     * dependency: usually test scope): one {@link FakeGeminiClient}, its views exposed as their own
     * types for scripting (the image fake reads {@code ImageInput.ofStoredFile} references from the
     * files view). It refuses the settings a real transport refuses, so a test profile cannot hide a
     * bad production value; only the credentials themselves (key, token source) are not required.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = FAKE_ADAPTER)
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "fake")
    @ConditionalOnMissingBean(GeminiClient.class)
    static class Fake {

        @Bean(destroyMethod = "close")
        FakeGeminiClient geminiClient(GeminiImageProperties properties) {
            Connection.checkSettings(properties);
            SettingsCheck.httpOptions(properties, CallObserver.NONE);
            return FakeGeminiClient.create();
        }

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        FakeImageGeneration geminiImageGeneration(FakeGeminiClient client) {
            return client.images();
        }

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(FilesPort.class)
        FakeFiles geminiImageFiles(FakeGeminiClient client) {
            return client.files();
        }

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(BatchPort.class)
        FakeBatches geminiImageBatches(FakeGeminiClient client) {
            return client.batches();
        }
    }

    /** {@code transport=httpclient5}, when its adapter is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {HTTP_CLIENT_5_ADAPTER, "org.apache.hc.client5.http.impl.classic.CloseableHttpClient"})
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "httpclient5")
    static class HttpClient5 {

        /** Lazy: made when a port bean needs it (the image port does at startup, unless the application has its own). */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean(GeminiClient.class)
        GeminiClient geminiClient(GeminiImageProperties properties, ObjectProvider<CloseableHttpClient> clients,
                ObjectProvider<AccessTokenSource> tokenSources, ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            HttpClient5GeminiClient.Builder<GeminiClient> builder = HttpClient5GeminiClient.builder();
            clients.ifUnique(builder::httpClient);
            return client(builder, properties, tokenSources, loader,
                    observer(observers, metrics));
        }
    }

    /** {@code transport=jdk}, the default. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "transport", havingValue = "jdk", matchIfMissing = true)
    static class Jdk {

        /** Lazy: made when a port bean needs it (the image port does at startup, unless the application has its own). */
        @Bean(destroyMethod = "close")
        @Lazy
        @ConditionalOnMissingBean(GeminiClient.class)
        GeminiClient geminiClient(GeminiImageProperties properties, ObjectProvider<java.net.http.HttpClient> clients,
                ObjectProvider<AccessTokenSource> tokenSources, ResourceLoader loader, ObjectProvider<CallObserver> observers,
                ObjectProvider<MetricsObserver> metrics) {
            JdkHttpGeminiClient.Builder<GeminiClient> builder = JdkHttpGeminiClient.builder();
            clients.ifUnique(builder::httpClient);
            return client(builder, properties, tokenSources, loader,
                    observer(observers, metrics));
        }
    }

    /**
     * After the transports: no configuration above made a client and the application has none, so
     * the transport is unknown or its adapter is missing. Fails, saying which, when a port needs it.
     */
    @Configuration(proxyBeanMethods = false)
    static class Unavailable {

        @Bean
        @Lazy
        @ConditionalOnMissingBean(GeminiClient.class)
        GeminiClient geminiClient(GeminiImageProperties properties, ResourceLoader loader) {
            throw SettingsCheck.unavailableTransport(properties.transport(),
                    ClassUtils.isPresent(HTTP_CLIENT_5_ADAPTER, loader.getClassLoader()),
                    ClassUtils.isPresent(FAKE_ADAPTER, loader.getClassLoader()));
        }
    }

    /**
     * Last: the three port beans, views of whichever {@link GeminiClient} bean there is (the
     * application's own wins), each unless the application defines that port itself. Views are not
     * closed on their own: the client bean is.
     */
    @Configuration(proxyBeanMethods = false)
    static class Views {

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(ImageGenerationPort.class)
        ImageGenerationPort geminiImageGeneration(GeminiClient client) {
            return client.images();
        }

        @Bean(destroyMethod = "")
        @Lazy
        @ConditionalOnMissingBean(FilesPort.class)
        FilesPort geminiImageFiles(GeminiClient client) {
            return client.files();
        }

        @Bean(destroyMethod = "")
        @Lazy
        @ConditionalOnMissingBean(BatchPort.class)
        BatchPort geminiImageBatches(GeminiClient client) {
            return client.batches();
        }
    }
}
