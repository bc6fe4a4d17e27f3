package io.github.geminiimage.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the load harness from rotting: each adapter makes a handful of calls through the loopback
 * server, with the same code the load, soak and benchmark runs use, at toy sizes. No timing is
 * asserted; the runs that measure are in benchmarks/RESULTS.md.
 */
class LoadHarnessSmokeTest {

    private static final int REPLY_IMAGE_BYTES = 4_000;

    private static LoopbackServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = LoopbackServer.start(0, REPLY_IMAGE_BYTES);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void concurrentCallsWithImageFilesAllSucceedAndTheServerReadsEveryBody(Adapter adapter) throws IOException {
        List<Path> files = List.of(Payloads.jpegFiles(dir, 3, 50_000));
        long bodyBytesBefore = server.stats().bodyBytes();

        LoadTest.Report report = LoadTest.run(new LoadTest.Config(adapter, 2, 2, files, REPLY_IMAGE_BYTES,
                Duration.ofSeconds(30)), server.baseUri());

        assertThat(report.failures()).isEmpty();
        assertThat(report.calls()).isEqualTo(4);
        assertThat(report.succeeded()).isEqualTo(4);
        // Each body carries the three images as base64: 4/3 of their bytes, plus the JSON around them.
        assertThat(report.bytesSent()).isGreaterThan(4 * 3 * 50_000 * 4 / 3);
        // The warm-up call is not in the report but the server read it too.
        assertThat(server.stats().bodyBytes() - bodyBytesBefore).isGreaterThan(report.bytesSent());
        assertThat(report.heap().maxSampledUsed()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aShortSoakEndsEveryCallAsItsScenarioExpectsAndLeavesNothingInFlight(Adapter adapter) throws IOException {
        List<Path> files = List.of(Files.write(dir.resolve("a.jpg"), Payloads.jpegLike(3_000, 1)));

        SoakTest.Report report = SoakTest.run(new SoakTest.Config(adapter, 4, 60, Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofMillis(200), files, REPLY_IMAGE_BYTES), server.baseUri(), () -> server.stats().open());

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
        for (Scenario s : Scenario.values()) {
            assertThat(Scenario.ofToken(s.token())).contains(s);
        }
    }
}
