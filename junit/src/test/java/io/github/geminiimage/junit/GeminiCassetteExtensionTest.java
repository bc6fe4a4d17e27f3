package io.github.geminiimage.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.cassette.CassetteMode;
import io.github.geminiimage.tck.TckSecrets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GeminiCassetteExtensionTest {

    /** Set while this test launches {@link UsersTest}, so that a build's own discovery never runs it. */
    private static volatile boolean launching;
    static boolean launched() {
        return launching;
    }

    /** Where UsersTest's server (the emulator) is, when it records. */
    static volatile URI server;
    static final List<byte[]> IMAGES = new ArrayList<>();
    static final List<String> CASSETTES = new ArrayList<>();

    @TempDir
    Path root;

    /** A user's test, as in the README: the mode decides whether its server is needed. */
    @EnabledIf("io.github.geminiimage.junit.GeminiCassetteExtensionTest#launched")
    static class UsersTest {

        @Test
        @GeminiCassette("generate/a-cat")
        void generatesACat(Cassette cassette) {
            String key = cassette.recording() ? TckSecrets.SENTINEL_KEY : cassette.apiKey();
            URI base = cassette.recording() ? server : URI.create("http://replay.invalid");
            HttpOptions options = HttpOptions.builder().baseUri(base).build();
            try (HttpGeminiClient client = HttpGeminiClient.builder(cassette.transport(
                    () -> JdkHttpTransport.create(options.transportSettings())), ApiKey.of(key))
                    .options(options).ownsTransport(false).build()) {
                HttpImageGeneration port = client.images();
                GenerationResult result = port.generate(GenerationRequest.builder().prompt("A cat").build());
                IMAGES.add(result.images().stream().map(GeneratedImage::bytes).findFirst().orElseThrow());
                CASSETTES.add(cassette.name() + " " + cassette.mode().label());
            }
        }
    }

    /** A class-level cassette: each test records into its own folder inside it. */
    @EnabledIf("io.github.geminiimage.junit.GeminiCassetteExtensionTest#launched")
    @GeminiCassette("suite")
    static class SuiteTest {

        @Test
        void first(Cassette cassette) {
            CASSETTES.add(cassette.name());
        }

        @Test
        void second(Cassette cassette) {
            CASSETTES.add(cassette.name());
        }
    }

    @Test
    void aClassCassetteGivesEachTestAFolderOfItsOwn() {
        CASSETTES.clear();
        TestExecutionSummary summary = launch(SuiteTest.class, Map.of(GeminiCassetteExtension.MODE_PROPERTY, "record",
                GeminiCassetteExtension.ROOT_PROPERTY, root.toString()));
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(CASSETTES).containsExactlyInAnyOrder("suite/first", "suite/second");
    }

    private TestExecutionSummary launch(Map<String, String> parameters) {
        return launch(UsersTest.class, parameters);
    }

    private TestExecutionSummary launch(Class<?> testClass, Map<String, String> parameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameters(parameters).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            launching = false;
        }
        return listener.getSummary();
    }

    @Test
    void theModePropertyRecordsOnceAndReplaysWithoutTheServer() throws Exception {
        IMAGES.clear();
        CASSETTES.clear();
        try (GeminiEmulator gemini = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).start()) {
            server = gemini.baseUri();
            TestExecutionSummary recorded = launch(Map.of(GeminiCassetteExtension.MODE_PROPERTY, "record",
                    GeminiCassetteExtension.ROOT_PROPERTY, root.toString()));
            assertThat(recorded.getFailures()).isEmpty();
            assertThat(recorded.getTestsSucceededCount()).isEqualTo(1);
            assertThat(gemini.requests()).hasSize(1);
        }
        assertThat(Files.isRegularFile(root.resolve("generate/a-cat/0001-POST-generateContent.json"))).isTrue();

        TestExecutionSummary replayed = launch(Map.of(GeminiCassetteExtension.ROOT_PROPERTY, root.toString()));
        assertThat(replayed.getFailures()).isEmpty();
        assertThat(replayed.getTestsSucceededCount()).isEqualTo(1);
        assertThat(CASSETTES).containsExactly("generate/a-cat record", "generate/a-cat replay");
        assertThat(IMAGES.get(1)).isEqualTo(IMAGES.get(0));
    }

    @Test
    void replayingACassetteNeverRecordedFailsTheTestNamingTheFolder() {
        TestExecutionSummary summary = launch(Map.of(GeminiCassetteExtension.MODE_PROPERTY, "replay",
                GeminiCassetteExtension.ROOT_PROPERTY, root.toString()));
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining(root.resolve("generate/a-cat").toAbsolutePath().toString())
                .hasMessageContaining("record it first");
    }

    @Test
    void anUnknownModeFailsNamingThePropertyAndTheChoices() {
        TestExecutionSummary summary = launch(Map.of(GeminiCassetteExtension.MODE_PROPERTY, "playback",
                GeminiCassetteExtension.ROOT_PROPERTY, root.toString()));
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("gemini.cassette.mode")
                .hasMessageContaining("playback is not one of record, replay, record-missing");
    }

    @Test
    void theEnvironmentNamesTheModeWhenNoPropertyDoes() {
        GeminiCassetteExtension fromEnvironment = new GeminiCassetteExtension(
                name -> name.equals(GeminiCassetteExtension.MODE_VARIABLE) ? "record-missing" : null);
        assertThat(fromEnvironment.mode(Optional.empty())).isEqualTo(CassetteMode.RECORD_MISSING);
        assertThat(fromEnvironment.mode(Optional.of("record"))).as("the property wins").isEqualTo(CassetteMode.RECORD);
        assertThat(new GeminiCassetteExtension(name -> null).mode(Optional.empty())).isEqualTo(CassetteMode.REPLAY);
    }

    @Test
    void theKeyComesFromTheEnvironmentOnlyWhenCallsMayReachTheNetwork() {
        Path folder = Path.of("cassettes/x");
        assertThat(new Cassette("x", folder, CassetteMode.REPLAY, Optional.of("real-key")).apiKey())
                .isEqualTo(Cassette.REPLAY_KEY);
        assertThat(new Cassette("x", folder, CassetteMode.RECORD, Optional.of("real-key")).apiKey()).isEqualTo("real-key");
        assertThat(new Cassette("x", folder, CassetteMode.RECORD_MISSING, Optional.empty()).apiKey())
                .isEqualTo(Cassette.REPLAY_KEY);
        assertThatThrownBy(() -> new Cassette("x", folder, CassetteMode.RECORD, Optional.empty()).apiKey())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GEMINI_API_KEY");
    }
}
