package io.github.geminiimage.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.spring.boot.internal.SettingsCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each gemini.image.* property, bound from text, reaches the HTTP options; the metadata lists them all. */
class GeminiImagePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GeminiImageAutoConfiguration.class))
            .withPropertyValues("gemini.image.transport=fake");

    @Test
    void everyHttpPropertyReachesTheOptions() {
        runner.withPropertyValues("gemini.image.base-url=https://llm-proxy.internal.example",
                "gemini.image.auth-scheme=raw-authorization", "gemini.image.connect-timeout=5s",
                "gemini.image.inactivity-timeout=2m", "gemini.image.overall-deadline=7m",
                "gemini.image.max-attempts=5", "gemini.image.max-response-bytes=80MB",
                "gemini.image.proxy=http://proxy.example:3128").run(context -> {
                    HttpOptions options = SettingsCheck.httpOptions(context.getBean(GeminiImageProperties.class),
                            CallObserver.NONE);
                    assertThat(options.baseUri()).isEqualTo(URI.create("https://llm-proxy.internal.example"));
                    assertThat(options.authScheme()).isEqualTo(AuthScheme.RAW_AUTHORIZATION);
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(options.inactivityTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(options.overallDeadline()).isEqualTo(Duration.ofMinutes(7));
                    assertThat(options.retryPolicy().maxAttempts()).isEqualTo(5);
                    assertThat(options.maxResponseBytes()).isEqualTo(80L * 1024 * 1024);
                    assertThat(options.proxy()).contains(URI.create("http://proxy.example:3128"));
                    assertThat(options.proxySelector()).isPresent();
                });
    }

    @Test
    void aDurationWithoutAUnitIsSecondsNotMilliseconds() {
        runner.withPropertyValues("gemini.image.overall-deadline=5", "gemini.image.connect-timeout=30",
                "gemini.image.inactivity-timeout=500ms").run(context -> {
                    HttpOptions options = SettingsCheck.httpOptions(context.getBean(GeminiImageProperties.class),
                            CallObserver.NONE);
                    assertThat(options.overallDeadline()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(options.inactivityTimeout()).isEqualTo(Duration.ofMillis(500));
                });
    }

    @ParameterizedTest
    @CsvSource({"google, GOOGLE_API_KEY_HEADER", "bearer, BEARER", "raw, RAW_AUTHORIZATION", "query, QUERY_PARAMETER",
        "google-api-key-header, GOOGLE_API_KEY_HEADER", "RAW_AUTHORIZATION, RAW_AUTHORIZATION", "query-parameter, QUERY_PARAMETER"})
    void theAuthSchemeTakesTheClisWordsAndTheConstantNames(String word, AuthScheme scheme) {
        runner.withPropertyValues("gemini.image.auth-scheme=" + word).run(context -> {
            HttpOptions options = SettingsCheck.httpOptions(context.getBean(GeminiImageProperties.class), CallObserver.NONE);
            assertThat(options.authScheme()).isEqualTo(scheme);
        });
    }

    @Test
    void anUnknownAuthSchemeFailsTheStartupNamingThePropertyAndTheWords() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GeminiImageAutoConfiguration.class))
                .withPropertyValues("gemini.image.api-key=AIzaTestKey", "gemini.image.auth-scheme=basic").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(GeminiImageConfigurationException.class)
                            .hasMessageContaining("gemini.image.auth-scheme").hasMessageContaining("\"basic\"")
                            .hasMessageContaining("google, bearer, raw, query");
                });
    }

    @Test
    void unsetPropertiesKeepTheLibraryDefaults() {
        runner.run(context -> {
            GeminiImageProperties properties = context.getBean(GeminiImageProperties.class);
            HttpOptions options = SettingsCheck.httpOptions(properties, CallObserver.NONE);
            HttpOptions defaults = HttpOptions.defaults();
            assertThat(options.baseUri()).isEqualTo(defaults.baseUri());
            assertThat(options.authScheme()).isEqualTo(defaults.authScheme());
            assertThat(options.connectTimeout()).isEqualTo(defaults.connectTimeout());
            assertThat(options.overallDeadline()).isEqualTo(defaults.overallDeadline());
            assertThat(options.retryPolicy()).isEqualTo(defaults.retryPolicy());
            assertThat(options.maxResponseBytes()).isEqualTo(defaults.maxResponseBytes());
            assertThat(options.proxySelector()).as("the JVM's proxy settings").isEmpty();
            assertThat(properties.apiKey()).isEmpty();
            assertThat(properties.metrics().enabled()).isTrue();
            assertThat(properties.vertex().project()).isEmpty();
        });
    }

    @Test
    void theMetadataNamesEveryPropertyAndTheTransports() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : new String[] {"api-key", "base-url", "transport", "auth-scheme", "connect-timeout",
                "inactivity-timeout", "overall-deadline", "max-attempts", "max-response-bytes", "proxy", "vertex.project",
                "vertex.location", "metrics.enabled"}) {
            assertThat(metadata).contains("\"name\": \"gemini.image." + name + "\"");
        }
        assertThat(metadata).contains("\"value\": \"httpclient5\"").contains("\"value\": \"fake\"");
    }

    @Test
    void theFailureAnalyzerReportsTheMessageAndTheAction() {
        GeminiImageConfigurationException failure = new GeminiImageConfigurationException("what", "fix it");
        FailureAnalysis analysis = new GeminiImageConfigurationFailureAnalyzer()
                .analyze(new IllegalStateException("wrapped", failure));
        assertThat(analysis.getDescription()).isEqualTo("what");
        assertThat(analysis.getAction()).isEqualTo("fix it");
    }
}
