package io.github.geminiimage.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.emulator.EmulatorRule;
import io.github.geminiimage.emulator.GeminiEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the load harness from rotting: each adapter makes a handful of calls through the emulator,
 * scripted as the load, soak and benchmark runs script it, with the same code they use, at toy
 * sizes. No timing is asserted; the runs that measure are in benchmarks/RESULTS.md.
 */
@Timeout(120)
class LoadHarnessSmokeTest {

    private static final int REPLY_IMAGE_BYTES = 4_000;

    private static GeminiEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() {
        emulator = GeminiEmulator.builder().apiKey(Adapter.API_KEY).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void concurrentCallsWithImageFilesAllSucceedAndTheServerAnswersEachOnce(Adapter adapter) throws IOException {
        ServerProcess.Script.FIXED_REPLY.install(emulator, REPLY_IMAGE_BYTES);
        List<Path> files = List.of(Payloads.jpegFiles(dir, 3, 50_000));

        LoadTest.Report report = LoadTest.run(new LoadTest.Config(adapter, 2, 2, files, REPLY_IMAGE_BYTES,
                Duration.ofSeconds(30)), emulator.baseUri());

        assertThat(report.failures()).isEmpty();
        assertThat(report.calls()).isEqualTo(4);
        assertThat(report.succeeded()).isEqualTo(4);
        // Each body carries the three images as base64: 4/3 of their bytes, plus the JSON around them.
        assertThat(report.bytesSent()).isGreaterThan(4 * 3 * 50_000 * 4 / 3);
        // The warm-up call is not in the report but the server answered it too.
        assertThat(emulator.requests()).hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(report.heap().maxSampledUsed()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aShortSoakEndsEveryCallAsItsScenarioExpectsAndLeavesNothingInFlight(Adapter adapter) throws IOException {
        ServerProcess.Script.SOAK.install(emulator, REPLY_IMAGE_BYTES);
        List<Path> files = List.of(Files.write(dir.resolve("a.jpg"), Payloads.jpegLike(3_000, 1)));

        SoakTest.Report report = SoakTest.run(new SoakTest.Config(adapter, 4, 60, Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofMillis(200), files, REPLY_IMAGE_BYTES), emulator.baseUri(), () -> -1);

        assertThat(report.started()).isGreaterThanOrEqualTo(60);
        assertThat(report.outcomes().values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()).sum())
                .isEqualTo(report.started());
        assertThat(report.unexpected()).as("outcomes %s", report.outcomes()).isZero();
        assertThat(report.nothingLost()).isTrue();
        assertThat(report.quiet().activeExchanges()).isZero();
        assertThat(report.adapterThreadsAfterClose()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void theBenchmarkRunsAgainstAServerInItsOwnJvm(Adapter adapter) throws IOException {
        EndToEndBenchmark benchmark = new EndToEndBenchmark();
        benchmark.adapter = adapter.id();
        benchmark.requestImageBytes = 30_000;
        benchmark.replyImageBytes = REPLY_IMAGE_BYTES;
        benchmark.setUp();
        try {
            assertThat(benchmark.generate().size()).isEqualTo(REPLY_IMAGE_BYTES);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void scenarioWeightsCoverEveryPercentile() {
        assertThat(Arrays.stream(Scenario.values()).mapToInt(Scenario::weight).sum()).isEqualTo(100);
        assertThat(Scenario.pick(0)).isEqualTo(Scenario.OK);
        assertThat(Scenario.pick(99)).isEqualTo(Scenario.BAD_REQUEST);
    }

    @Test
    void everyFaultScenarioHasItsOwnRuleAndTheLastRuleAnswersTheRest() {
        List<EmulatorRule> rules = Scenario.rules(REPLY_IMAGE_BYTES);

        assertThat(rules).hasSize(Scenario.values().length);
        assertThat(rules.subList(0, rules.size() - 1)).extracting(r -> r.promptContains().orElseThrow())
                .doesNotHaveDuplicates().doesNotContain(Scenario.OK.promptTag());
        assertThat(rules.get(rules.size() - 1).promptContains()).isEmpty();
        assertThat(rules.get(rules.size() - 1).outcome().imageBytes()).contains(REPLY_IMAGE_BYTES);
    }
}
