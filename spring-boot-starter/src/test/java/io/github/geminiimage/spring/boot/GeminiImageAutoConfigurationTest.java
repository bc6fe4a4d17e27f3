package io.github.geminiimage.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.adapter.httpclient5.HttpClient5GeminiClient;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.micrometer.MicrometerCallObserver;
import io.github.geminiimage.port.ImageGenerationPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GeminiImageAutoConfigurationTest {

    private static final String KEY = "AIzaSpringTestKey";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GeminiImageAutoConfiguration.class));
    private final StubGeminiServer server = StubGeminiServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String[] loopback(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("gemini.image.api-key=" + KEY,
                "gemini.image.base-url=" + server.uri()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static GenerationResult generate(AssertableApplicationContext context) {
        return context.getBean(ImageGenerationPort.class)
                .generate(GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("an axolotl").build());
    }

    private static Throwable rootCause(AssertableApplicationContext context) {
        Throwable t = context.getStartupFailure();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void theDefaultTransportIsJdkAndGeneratesAgainstTheBaseUrlWithTheKeyInItsHeader() {
        runner.withPropertyValues(loopback()).run(context -> {
            assertThat(context).hasSingleBean(ImageGenerationPort.class).doesNotHaveBean(FakeImageGeneration.class);
            assertThat(generate(context).requireImage().mimeType()).isEqualTo("image/png");
            assertThat(server.received()).hasSize(1);
            assertThat(server.received().get(0).path()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent");
            assertThat(server.received().get(0).header("x-goog-api-key")).isEqualTo(KEY);
        });
    }

    @Test
    void authSchemeBearerSendsTheKeyAsABearerToken() {
        runner.withPropertyValues(loopback("gemini.image.auth-scheme=bearer")).run(context -> {
            generate(context);
            assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(server.received().get(0).header("x-goog-api-key")).isNull();
        });
    }

    @Test
    void maxAttemptsOneMakesASingleAttempt() {
        server.failFirst(503);
        runner.withPropertyValues(loopback("gemini.image.max-attempts=1")).run(context -> {
            assertThatThrownBy(() -> generate(context)).isInstanceOf(ServerErrorException.class);
            assertThat(server.received()).hasSize(1);
        });
    }

    @Test
    void transportFakeExposesTheFakeAsThePortWithoutAKey() {
        runner.withPropertyValues("gemini.image.transport=fake").run(context -> {
            assertThat(context).hasSingleBean(ImageGenerationPort.class).hasSingleBean(FakeImageGeneration.class);
            FakeImageGeneration fake = context.getBean(FakeImageGeneration.class);
            assertThat(context.getBean(ImageGenerationPort.class)).isSameAs(fake);
            fake.enqueue(FakeResponse.textOnly("no picture today"));
            assertThat(generate(context).text()).isEqualTo("no picture today");
            fake.assertRequestCount(1).assertLastRequest().hasPromptContaining("axolotl");
        });
    }

    /** Settings a real transport refuses; {@code withKey}: whether the real run also has a key. */
    private record BadSettings(boolean withKey, String... settings) {
    }

    @Test
    void transportFakeRefusesTheSettingsARealTransportRefuses() {
        List<BadSettings> cases = List.of(
                new BadSettings(true, "gemini.image.max-attempts=0"),
                new BadSettings(true, "gemini.image.base-url=ftp://example.org"),
                new BadSettings(true, "gemini.image.vertex.location=us-central1"),
                new BadSettings(true, "gemini.image.api-key=not a key"),
                new BadSettings(false, "gemini.image.vertex.project=my-project", "gemini.image.auth-scheme=bearer"),
                new BadSettings(true, "gemini.image.vertex.project=my-project", "gemini.image.vertex.location=us-central1"),
                new BadSettings(true, "gemini.image.vertex.project=Not_A_Project!"));
        for (BadSettings bad : cases) {
            List<String> real = new java.util.ArrayList<>();
            if (bad.withKey()) {
                real.add("gemini.image.api-key=" + KEY);
            }
            real.addAll(List.of(bad.settings()));
            List<String> fake = new java.util.ArrayList<>(real);
            fake.add("gemini.image.transport=fake");
            String[] message = new String[1];
            runner.withPropertyValues(real.toArray(String[]::new)).run(context -> {
                assertThat(context).as("a real transport with %s", real).hasFailed();
                message[0] = rootCause(context).getMessage();
            });
            runner.withPropertyValues(fake.toArray(String[]::new)).run(context -> {
                assertThat(context).as("transport=fake with %s", real).hasFailed();
                assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class).hasMessage(message[0]);
            });
        }
    }

    @Test
    void transportFakeNeedsNoKeyAndStillServesVertexSettingsThatAreValid() {
        runner.withPropertyValues("gemini.image.transport=fake", "gemini.image.vertex.project=my-project",
                "gemini.image.vertex.location=us-central1", "gemini.image.overall-deadline=5m")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(FakeImageGeneration.class));
    }

    @Test
    void transportHttpClient5SendsThroughALentCloseableHttpClientAndLeavesItOpen() throws Exception {
        TrackingCloseableHttpClient lent = new TrackingCloseableHttpClient();
        runner.withPropertyValues(loopback("gemini.image.transport=httpclient5"))
                .withBean(org.apache.hc.client5.http.impl.classic.CloseableHttpClient.class, () -> lent)
                .run(context -> {
                    assertThat(generate(context).requireImage().mimeType()).isEqualTo("image/png");
                    assertThat(lent.executions()).isEqualTo(1);
                    // What the context does at shutdown, for the port alone: the lent client stays open
                    // (the application's container closes its own bean afterwards).
                    context.getBean(ImageGenerationPort.class).close();
                    assertThat(lent.closed()).isFalse();
                });
        lent.reallyClose();
    }

    @Test
    void transportHttpClient5BuildsItsOwnClientWhenNoneIsLent() {
        runner.withPropertyValues(loopback("gemini.image.transport=httpclient5")).run(context -> {
            assertThat(generate(context).requireImage().mimeType()).isEqualTo("image/png");
            assertThat(server.received()).hasSize(1);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void theProxyPropertyCarriesEveryCallThroughThatForwardProxy(String transport) {
        // The stub stands in for the forward proxy; the base URL's host never resolves, so only a call
        // through the proxy reaches it (in absolute form, with the origin's Host).
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.transport=" + transport,
                "gemini.image.base-url=http://gemini.example.invalid", "gemini.image.proxy=" + server.uri()).run(context -> {
                    assertThat(generate(context).requireImage().mimeType()).isEqualTo("image/png");
                    assertThat(server.received()).hasSize(1);
                    assertThat(server.received().get(0).path()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent");
                    assertThat(server.received().get(0).header("Host")).isEqualTo("gemini.example.invalid");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://proxy.example:3128", "http://proxy.example", "http://user:secret@proxy.example:3128",
        "http://proxy.example:3128/path", "http://proxy example:3128"})
    void aProxyThatIsNotHttpHostPortFailsAtStartupNamingTheProperty(String bad) {
        runner.withPropertyValues(loopback("gemini.image.proxy=" + bad)).run(context -> {
            assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                    .hasMessageStartingWith("gemini.image.proxy").hasMessageNotContaining("secret");
            assertThat(((GeminiImageConfigurationException) rootCause(context)).action())
                    .contains("http://proxy.example:3128");
        });
    }

    @Test
    void transportHttpClient5WithoutItsAdapterFailsSayingWhichDependencyToAdd() {
        runner.withClassLoader(new FilteredClassLoader(HttpClient5GeminiClient.class))
                .withPropertyValues(loopback("gemini.image.transport=httpclient5")).run(context -> {
                    assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                            .hasMessageContaining("HttpClient 5 adapter is not on the classpath");
                    assertThat(((GeminiImageConfigurationException) rootCause(context)).action())
                            .contains("gemini-image-adapter-httpclient5");
                });
    }

    @Test
    void aLentJavaNetHttpClientIsTheOneThatSends() {
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool();
        HttpClient lent = HttpClient.newBuilder().executor(task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        }).build();
        try {
            runner.withPropertyValues(loopback()).withBean(HttpClient.class, () -> lent).run(context -> {
                generate(context);
                assertThat(tasks.get()).isPositive();
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOwnedPortIsClosedWithTheContext() {
        ImageGenerationPort[] port = new ImageGenerationPort[1];
        runner.withPropertyValues(loopback()).run(context -> port[0] = context.getBean(ImageGenerationPort.class));
        assertThatThrownBy(() -> port[0].generate(GenerationRequest.builder().prompt("after close").build()))
                .isInstanceOf(TransportException.class);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aUserPortWinsAndNoKeyIsNeeded() {
        runner.withUserConfiguration(UserPort.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ImageGenerationPort.class);
            assertThat(context.getBean(ImageGenerationPort.class)).isSameAs(context.getBean(UserPort.class).port);
        });
    }

    @Test
    void aUserPortWinsOverTransportFakeToo() {
        runner.withUserConfiguration(UserPort.class).withPropertyValues("gemini.image.transport=fake")
                .run(context -> assertThat(context).hasSingleBean(ImageGenerationPort.class)
                        .getBean(ImageGenerationPort.class).isSameAs(context.getBean(UserPort.class).port));
    }

    @Test
    void noKeyForARealTransportFailsAtStartupWithOneMessage() {
        runner.run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                .hasMessage("gemini.image.api-key is not set, and gemini.image.transport is jdk (a real transport needs a key)"));
        runner.withPropertyValues("gemini.image.api-key=  ", "gemini.image.transport=httpclient5")
                .run(context -> assertThat(rootCause(context)).hasMessageContaining("gemini.image.api-key is not set"));
    }

    @Test
    void anUnknownTransportFailsAtStartupNamingTheValueAndTheChoices() {
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.transport=okhttp")
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessage("gemini.image.transport is 'okhttp', which is not one of jdk, httpclient5, fake"));
    }

    @Test
    void aVertexLocationWithoutProjectFailsAtStartup() {
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.vertex.location=us-central1")
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessageContaining("gemini.image.vertex.project is not"));
    }

    @Test
    void aValueTheLibraryRefusesFailsAtStartupNamingIt() {
        runner.withPropertyValues(loopback("gemini.image.max-attempts=0"))
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessageContaining("maxAttempts must be at least 1; got 0"));
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.base-url=ftp://example.org")
                .run(context -> assertThat(rootCause(context)).hasMessageContaining("ftp://example.org"));
        // The version is added to the base: one given with it would double it (/v1beta/v1beta/models/...).
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.base-url=https://llm-proxy.example/v1beta/")
                .run(context -> assertThat(rootCause(context)).hasMessageContaining("https://llm-proxy.example/v1beta/")
                        .hasMessageContaining("give baseUri https://llm-proxy.example, "));
    }

    @Test
    void theKeyNeverAppearsInAStartupFailure() {
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.transport=nope",
                "gemini.image.base-url=ftp://x").run(context -> {
                    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
                    }
                });
        runner.withPropertyValues("gemini.image.api-key=" + KEY, "gemini.image.transport=fake")
                .run(context -> assertThat(context.getBean(GeminiImageProperties.class).toString())
                        .doesNotContain(KEY).contains("apiKey=(set)"));
    }

    @Test
    void aMeterRegistryBeanRecordsEveryCall() {
        runner.withPropertyValues(loopback()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            generate(context);
            assertThat(context.getBean(MeterRegistry.class).get(MicrometerCallObserver.CALLS)
                    .tag("outcome", "success").tag("model", "gemini-2.5-flash-image").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void anObservationRegistryBeanGetsOneObservationPerCall_andTheMeterRegistryTheCounters() {
        runner.withPropertyValues(loopback()).withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    generate(context);
                    generate(context);
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasNumberOfObservationsWithNameEqualTo(MicrometerCallObserver.CALLS, 2)
                            .hasAnObservationWithAKeyValue("outcome", "success");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get(MicrometerCallObserver.ATTEMPTS).counter().count()).isEqualTo(2.0);
                    // The registry's handlers make the call timer; this one has none, and the observer adds none.
                    assertThat(meters.find(MicrometerCallObserver.CALLS).timers()).isEmpty();
                });
    }

    @Test
    void withSpringBootsKindOfObservationRegistryEachCallIsTimedOnce() {
        runner.withPropertyValues(loopback()).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, () -> ObservationRegistry.create())
                .withInitializer(context -> context.getBeanFactory().addBeanPostProcessor(new MeterHandlerInstaller(context)))
                .run(context -> {
                    generate(context);
                    assertThat(context.getBean(MeterRegistry.class).get(MicrometerCallObserver.CALLS)
                            .tag("outcome", "success").timer().count()).isEqualTo(1);
                    assertThat(context.getBean(MeterRegistry.class).find(MicrometerCallObserver.CALLS).timers())
                            .hasSize(1);
                });
    }

    @Test
    void anObservationRegistryWithoutAMeterRegistryStillObservesEachCall() {
        runner.withPropertyValues(loopback()).withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .run(context -> {
                    generate(context);
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasSingleObservationThat().hasBeenStopped();
                });
    }

    @Test
    void metricsEnabledFalseObservesNothing() {
        runner.withPropertyValues(loopback("gemini.image.metrics.enabled=false"))
                .withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
                    generate(context);
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .doesNotHaveAnyObservation();
                });
    }

    /** Registers a meter handler on the ObservationRegistry bean, as Spring Boot's observation support does. */
    private static final class MeterHandlerInstaller implements BeanPostProcessor {
        private final ConfigurableApplicationContext context;

        MeterHandlerInstaller(ConfigurableApplicationContext context) {
            this.context = context;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof ObservationRegistry registry) {
                registry.observationConfig().observationHandler(
                        new DefaultMeterObservationHandler(context.getBean(MeterRegistry.class)));
            }
            return bean;
        }
    }

    @Test
    void metricsEnabledFalseRecordsNothing() {
        runner.withPropertyValues(loopback("gemini.image.metrics.enabled=false"))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    generate(context);
                    assertThat(context.getBean(MeterRegistry.class).find(MicrometerCallObserver.CALLS).timers()).isEmpty();
                });
    }

    @Test
    void callObserverBeansAreToldAboutEveryCallBesideTheMetrics() {
        List<CallObserver.CallCompleted> completed = new CopyOnWriteArrayList<>();
        CallObserver throwing = new CallObserver() {
            @Override
            public void callCompleted(CallCompleted event) {
                throw new IllegalStateException("a broken observer");
            }
        };
        CallObserver recording = new CallObserver() {
            @Override
            public void callCompleted(CallCompleted event) {
                completed.add(event);
            }
        };
        runner.withPropertyValues(loopback()).withBean("broken", CallObserver.class, () -> throwing)
                .withBean("recording", CallObserver.class, () -> recording)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    generate(context);
                    assertThat(completed).singleElement().satisfies(e -> assertThat(e.succeeded()).isTrue());
                    assertThat(context.getBean(MeterRegistry.class).get(MicrometerCallObserver.CALLS).timer().count())
                            .isEqualTo(1);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPort {
        final FakeImageGeneration port = FakeImageGeneration.create();

        @Bean
        ImageGenerationPort myPort() {
            return port;
        }
    }
}
