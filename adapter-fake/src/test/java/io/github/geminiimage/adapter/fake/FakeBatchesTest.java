package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.http.batch.BatchLineCodec;
import io.github.geminiimage.wire.batch.BatchResultReader;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fake's lifecycle on the clock, and its results file read back with the real decoder. */
class FakeBatchesTest {

    private final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));

    private static List<KeyedRequest> requests(int n) {
        return IntStream.range(0, n).mapToObj(i -> KeyedRequest.of("key-" + i,
                GenerationRequest.builder().prompt("item " + i).build())).toList();
    }

    @Test
    void countsMoveWithTheClockFromPendingThroughRunningToSucceeded() {
        try (FakeBatches fake = FakeBatches.builder().clock(clock).pendingTime(Duration.ofMinutes(1))
                .runTime(Duration.ofMinutes(10)).response(FakeResponse.image(TestImages.png(4, 4))).build()) {
            fake.failRequest("key-1", () -> new RateLimitedException("quota", ErrorDetails.NONE, Optional.empty(), QuotaScope.UNKNOWN));
            BatchJob job = fake.submit("counts", "gemini-2.5-flash-image", requests(10), BatchSubmitOptions.defaults());
            assertThat(job.state()).isEqualTo(BatchState.PENDING);
            assertThat(job.counts().pending()).isEqualTo(10);

            clock.advance(Duration.ofMinutes(6));
            BatchJob half = fake.get(job.name());
            assertThat(half.state()).isEqualTo(BatchState.RUNNING);
            assertThat(half.counts().done()).isEqualTo(5);
            assertThat(half.counts().failed()).isEqualTo(1);
            assertThat(half.output()).isEmpty();

            clock.advance(Duration.ofMinutes(5));
            BatchJob done = fake.get(job.name());
            assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
            assertThat(done.counts()).isEqualTo(new io.github.geminiimage.domain.batch.BatchCounts(10, 9, 1, 0));
            assertThat(done.endTime()).contains(Instant.parse("2026-01-01T00:11:00Z"));
        }
    }

    @Test
    void aFileJobsResultsFileExistsOnlyOnceItEndedAndDecodesWithTheRealCodecToTheSameResults() throws Exception {
        try (FakeBatches fake = FakeBatches.builder().clock(clock).build()) {
            fake.failRequest("key-2", () -> new RateLimitedException("quota", ErrorDetails.NONE, Optional.empty(), QuotaScope.UNKNOWN));
            BatchJob job = fake.submit("file", "gemini-2.5-flash-image", requests(3), BatchSubmitOptions.via(BatchInputMode.FILE));
            String file = "files/batch-" + job.id();
            assertThat(fake.files().names()).doesNotContain(file);

            BatchJob done = fake.await(job.name(), Duration.ofHours(1), j -> { });
            assertThat(done.output()).contains(new BatchOutput.ResponsesFile(file));
            byte[] jsonl = fake.files().content(file).orElseThrow();

            List<BatchResult> fromFile;
            try (BatchResultReader reader = new BatchResultReader(new ByteArrayInputStream(jsonl), BatchLineCodec.create())) {
                fromFile = reader.stream().toList();
            }
            List<BatchResult> fromPort;
            try (Stream<BatchResult> results = fake.results(job.name())) {
                fromPort = results.toList();
            }
            assertThat(fromFile).extracting(BatchResult::key).containsExactly("key-0", "key-1", "key-2");
            assertThat(fromFile.get(0).requireResult().finalImage()).isEqualTo(fromPort.get(0).requireResult().finalImage());
            assertThat(fromFile.get(1).requireResult().text()).isEqualTo(fromPort.get(1).requireResult().text());
            assertThat(fromFile.get(2).error()).containsInstanceOf(RateLimitedException.class);
        }
    }

    @Test
    void autoSendsASmallJobInlineAndALargeOneAsAFile() {
        try (FakeBatches fake = FakeBatches.builder().clock(clock).build()) {
            BatchJob small = fake.submit("small", "gemini-2.5-flash-image", requests(3), BatchSubmitOptions.defaults());
            BatchJob large = fake.submit("large", "gemini-2.5-flash-image", requests(BatchSubmitOptions.AUTO_INLINE_MAX_REQUESTS + 1),
                    BatchSubmitOptions.defaults());
            assertThat(fake.inputMode(small.name())).contains(BatchInputMode.INLINE);
            assertThat(fake.inputMode(large.name())).contains(BatchInputMode.FILE);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void theDefaultFakeOnTheSystemClockEndsAJobWithinSecondsAndAwaitReturnsPromptly() {
        try (FakeBatches fake = FakeBatches.create()) {
            BatchJob job = fake.submit("prompt", "gemini-2.5-flash-image", requests(3), BatchSubmitOptions.defaults());
            List<BatchState> seen = new java.util.ArrayList<>();

            BatchJob done = fake.await(job.name(), Duration.ofHours(25), j -> seen.add(j.state()));

            assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
            assertThat(done.counts().succeeded()).isEqualTo(3);
            assertThat(Duration.between(done.createTime().orElseThrow(), done.endTime().orElseThrow()))
                    .isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(seen).first().isEqualTo(BatchState.PENDING);
        }
    }

    @Test
    void anUnknownModelIsRefusedAtSubmitAsTheServiceDoes() {
        try (FakeBatches fake = FakeBatches.builder().clock(clock).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.submit("x", "gemini-9-image",
                    List.of(KeyedRequest.of("a", GenerationRequest.builder().model("gemini-9-image").prompt("x").build())),
                    BatchSubmitOptions.defaults()))
                    .isInstanceOf(io.github.geminiimage.domain.error.NotFoundException.class)
                    .hasMessageContaining("models/gemini-9-image is not found");
            assertThat(fake.list()).isEmpty();
        }
    }

    @Test
    void givenNamesAreUsedAndAFakeSaysWhatItHoldsInItsToString() {
        java.util.Iterator<String> names = List.of("batches/first", "batches/second").iterator();
        try (FakeBatches fake = FakeBatches.builder().clock(clock).names(names::next).build()) {
            assertThat(fake.submit("a", "gemini-2.5-flash-image", requests(1), BatchSubmitOptions.defaults()).name())
                    .isEqualTo("batches/first");
            assertThat(fake.submit("b", "gemini-2.5-flash-image", requests(1), BatchSubmitOptions.defaults()).name())
                    .isEqualTo("batches/second");

            assertThat(fake.toString()).contains("2 job(s)").contains("pending PT0.5S").contains("FakeClock");
        }
    }
}
