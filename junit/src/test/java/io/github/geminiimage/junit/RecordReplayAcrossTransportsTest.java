package io.github.geminiimage.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.RecordedRequest;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.http.cassette.CassetteFiles;
import io.github.geminiimage.http.cassette.CassetteMismatchException;
import io.github.geminiimage.http.cassette.CassetteMode;
import io.github.geminiimage.http.cassette.CassetteOptions;
import io.github.geminiimage.http.cassette.CassetteTransport;
import io.github.geminiimage.tck.TckSecrets;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof: a whole session (generate, stream, a chunked Files upload, an edit that refers to it,
 * a small batch) recorded through one transport against the emulator, the emulator stopped, then
 * replayed with no network and with the other transport standing by: the same images and results
 * byte for byte, the key nowhere in the cassette, and a changed prompt refused naming what differs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordReplayAcrossTransportsTest {

    private static final String KEY = TckSecrets.SENTINEL_KEY;
    private static final String PROMPT = "A lighthouse at dusk";
    private static final TransportSettings SETTINGS = HttpOptions.defaults().transportSettings();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "recorded on {0}")
    @ValueSource(strings = {"jdk", "httpclient5"})
    void aSessionRecordedOnOneTransportReplaysIdenticallyWithNoServerAndNoKey(String recordedOn) throws IOException {
        Function<TransportSettings, HttpTransport> recording = recordedOn.equals("jdk") ? JdkHttpTransport::create
                : HttpClient5Transport::create;
        Function<TransportSettings, HttpTransport> other = recordedOn.equals("jdk") ? HttpClient5Transport::create
                : JdkHttpTransport::create;
        Path cassette = dir.resolve("session");
        Path reference = dir.resolve("reference.png");
        byte[] content = new byte[700_000];
        new Random(7).nextBytes(content);
        // A PNG's signature: the emulator refuses an edit whose image is not one.
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, content, 0, 8);
        Files.write(reference, content);

        FakeClock clock = FakeClock.at(Instant.now()); // also the batch client's clock: not behind real time
        Session.Outcome live;
        Session.Bases bases;
        List<RecordedRequest> generateCalls;
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).uploadGranularity(256 * 1024).clock(clock)
                .start()) {
            bases = new Session.Bases(emulator.baseUri(), emulator.baseUri(), emulator.baseUri());
            try (CassetteTransport recorder = CassetteTransport.record(cassette, recording.apply(SETTINGS))) {
                live = Session.run(recorder, KEY, bases, reference, PROMPT, clock);
                assertThat(recorder.recorded()).isGreaterThanOrEqualTo(9);
            }
            assertThat(emulator.uploadCommands()).as("the upload went in several chunks").hasSizeGreaterThan(2);
            generateCalls = emulator.requests().stream().filter(r -> r.path().contains("enerateContent")
                    && !r.path().contains("batch")).toList();
        }
        assertThat(generateCalls).as("generate, stream, edit").hasSize(3)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(live.generated()).hasSize(1);
        assertThat(live.downloaded()).isEqualTo(content);
        assertThat(live.listed()).extracting(f -> f.name()).containsExactly(live.uploaded().name());
        assertThat(live.batchState()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(live.batchResults()).containsOnlyKeys("harbour", "meadow");

        // The servers are gone: a call that reached the network would fail.
        try (CassetteTransport replay = CassetteTransport.replay(cassette)) {
            Session.Outcome replayed = Session.run(replay, "any-key-at-all", bases, reference, PROMPT);
            assertSame(replayed, live);
            assertThat(replay.unusedRecordings()).isEmpty();
        }
        try (CassetteTransport standby = CassetteTransport.open(cassette, CassetteMode.RECORD_MISSING,
                () -> other.apply(SETTINGS), CassetteOptions.defaults())) {
            Session.Outcome replayed = Session.run(standby, "any-key-at-all", bases, reference, PROMPT);
            assertSame(replayed, live);
            assertThat(standby.recorded()).as("nothing went to the other transport").isZero();
        }

        // -Dcassette.keep=DIR keeps a copy of the cassette to look at.
        String keep = System.getProperty("cassette.keep");
        if (keep != null) {
            try (Stream<Path> files = Files.list(cassette)) {
                Path target = Files.createDirectories(Path.of(keep, recordedOn));
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String everything = CassetteFiles.everyFile(cassette);
        assertThat(everything).doesNotContain(KEY).doesNotContain(URLEncoder.encode(KEY, StandardCharsets.UTF_8))
                .doesNotContainPattern("upload_id=(?!session-[0-9])").contains("upload_id=session-1");

        try (CassetteTransport replay = CassetteTransport.replay(cassette)) {
            assertThatThrownBy(() -> Session.run(replay, "any-key-at-all", bases, reference, "A lighthouse at dawn"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(cassette.toAbsolutePath().toString())
                    .hasMessageContaining("0001-POST-generateContent.json")
                    .hasMessageContaining("body /contents/0/parts/0/text: recorded \"A lighthouse at dusk\", requested "
                            + "\"A lighthouse at dawn\"")
                    .cause().isInstanceOf(CassetteMismatchException.class);
        }
    }

    private static void assertSame(Session.Outcome replayed, Session.Outcome live) {
        assertThat(replayed.generated()).usingElementComparator(RecordReplayAcrossTransportsTest::compareBytes)
                .containsExactlyElementsOf(live.generated());
        assertThat(replayed.streamEvents()).isEqualTo(live.streamEvents());
        assertThat(replayed.streamed()).usingElementComparator(RecordReplayAcrossTransportsTest::compareBytes)
                .containsExactlyElementsOf(live.streamed());
        assertThat(replayed.uploaded()).isEqualTo(live.uploaded());
        assertThat(replayed.listed()).isEqualTo(live.listed());
        assertThat(replayed.downloaded()).isEqualTo(live.downloaded());
        assertThat(replayed.edited()).usingElementComparator(RecordReplayAcrossTransportsTest::compareBytes)
                .containsExactlyElementsOf(live.edited());
        assertThat(replayed.batchState()).isEqualTo(live.batchState());
        assertThat(replayed.batchResults().keySet()).containsExactlyElementsOf(live.batchResults().keySet());
        for (Map.Entry<String, List<byte[]>> result : live.batchResults().entrySet()) {
            assertThat(replayed.batchResults().get(result.getKey()))
                    .usingElementComparator(RecordReplayAcrossTransportsTest::compareBytes)
                    .containsExactlyElementsOf(result.getValue());
        }
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
