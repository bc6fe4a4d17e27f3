package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.batch.BatchImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link BatchPort} must do: the fake's in-memory Batch Mode, and every HTTP transport
 * against a loopback server speaking the wire format (states and counts as strings, results inline
 * or in a downloaded file). A subclass supplies a {@link BatchFixture}; the suite checks the
 * submit / get / await / results / save round trip in both input modes, results in input order with
 * per-request failures typed, the lifecycle's other ends (cancelled, failed, expired), refusals before
 * anything is created, listing, deleting, async against sync, and closing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class BatchPortContract {

    /** The model the suite's requests use. */
    protected static final String MODEL = "gemini-2.5-flash-image";

    /** Makes ports; each port it returns is closed after the test that asked for it. */
    public interface BatchFixture {

        /**
         * A port whose jobs run to {@code SUCCEEDED} within an {@code await} of one hour (on whatever
         * clock the port waits), each request answered with an image, except the requests whose key
         * is in {@code failingKeys}, which fail inside the job with {@code INVALID_ARGUMENT} (code 3).
         */
        BatchPort port(Set<String> failingKeys);

        /** A port whose next job never starts: it stays {@code PENDING} until it expires after 48 hours. */
        BatchPort portWithStalledJob();

        /** A port whose next job ends {@code FAILED} with {@code message} as its error. */
        BatchPort portWithFailingJob(String message);
    }

    @TempDir
    protected Path dir;

    private final List<BatchPort> ports = new ArrayList<>();

    /** The fixture for this suite. */
    protected abstract BatchFixture fixture();

    @AfterEach
    void closePorts() {
        ports.forEach(BatchPort::close);
    }

    private BatchPort port(String... failingKeys) {
        BatchPort port = fixture().port(Set.of(failingKeys));
        ports.add(port);
        return port;
    }

    /** {@code n} requests keyed {@code k0}, {@code k1}, ... */
    protected static List<KeyedRequest> requests(int n) {
        return IntStream.range(0, n).mapToObj(i -> KeyedRequest.of("k" + i,
                GenerationRequest.builder().model(MODEL).prompt("picture number " + i).build())).toList();
    }

    @ParameterizedTest
    @EnumSource(value = BatchInputMode.class, names = {"INLINE", "FILE"})
    void aSubmittedJobEndsSucceededAndGivesEveryResultInInputOrderWithFailuresTyped(BatchInputMode via) {
        BatchPort port = port("k2");
        BatchJob job = port.submit("contract job", MODEL, requests(5), BatchSubmitOptions.via(via));
        assertThat(job.name()).startsWith("batches/");
        assertThat(job.isDone()).isFalse();
        assertThat(job.displayName()).contains("contract job");
        assertThat(job.model()).endsWith(MODEL);

        List<BatchJob> polls = new ArrayList<>();
        BatchJob done = port.await(job.name(), Duration.ofHours(1), polls::add);
        assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(done.counts().total()).isEqualTo(5);
        assertThat(done.counts().succeeded()).isEqualTo(4);
        assertThat(done.counts().failed()).isEqualTo(1);
        assertThat(done.output()).isPresent();
        assertThat(done.output().get()).isInstanceOf(via == BatchInputMode.INLINE ? BatchOutput.Inline.class
                : BatchOutput.ResponsesFile.class);
        assertThat(polls).isNotEmpty();
        assertThat(polls.get(polls.size() - 1)).isEqualTo(done);

        List<BatchResult> results;
        try (Stream<BatchResult> stream = port.results(job.name())) {
            results = stream.toList();
        }
        assertThat(results).extracting(BatchResult::key).containsExactly("k0", "k1", "k2", "k3", "k4");
        assertThat(results.get(2).error()).containsInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> results.get(2).requireResult()).isInstanceOf(InvalidRequestException.class);
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(results.get(i).requireResult().finalImage()).as(results.get(i).key()).isPresent();
        }
    }

    @Test
    void aJobIsReadBackByGetAndListWithItsCounts() {
        BatchPort port = port();
        BatchJob job = port.submit("listed", MODEL, requests(3), BatchSubmitOptions.defaults());
        assertThat(port.get(job.name()).counts().total()).isEqualTo(3);
        assertThat(port.get(job.id()).name()).isEqualTo(job.name());
        assertThat(port.list().map(BatchJob::name)).contains(job.name());
        assertThat(port.getAsync(job.name()).join().name()).isEqualTo(job.name());
    }

    @Test
    void savingImagesWritesOneFilePerKeyAndARerunSkipsWhatExists() throws Exception {
        BatchPort port = port("k1");
        BatchJob job = port.submit("saved", MODEL, requests(4), BatchSubmitOptions.via(BatchInputMode.FILE));
        port.await(job.name(), Duration.ofHours(1), j -> { });
        Path folder = dir.resolve("out");

        BatchSaveSummary first = port.saveImages(job.name(), folder);
        assertThat(first.written()).isEqualTo(3);
        assertThat(first.skipped()).isZero();
        assertThat(first.failures()).extracting(BatchSaveSummary.Failure::key).containsExactly("k1");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .allMatch(n -> n.matches("k[023]\\.(png|jpg)"));
        }
        List<BatchResult> results;
        try (Stream<BatchResult> stream = port.results(job.name())) {
            results = stream.toList();
        }
        for (BatchResult result : results) {
            if (result.isSuccess()) {
                assertThat(Files.readAllBytes(BatchImageFolder.existing(folder, result.key()).orElseThrow()))
                        .as("the saved bytes of " + result.key()).isEqualTo(result.requireResult().finalImage().get().bytes());
            }
        }
        Files.delete(BatchImageFolder.existing(folder, "k3").orElseThrow());

        BatchSaveSummary second = port.saveImages(job.name(), folder);
        assertThat(second.written()).isEqualTo(1);
        assertThat(second.skipped()).isEqualTo(2);
        assertThat(second.failed()).isEqualTo(1);
    }

    @Test
    void resultsOfARunningJobAreRefused() {
        BatchPort port = port();
        BatchJob job = port.submit("early", MODEL, requests(2), BatchSubmitOptions.defaults());
        assertThatThrownBy(() -> port.results(job.name()).close()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(job.name());
    }

    @Test
    void aCancelledJobEndsCancelledAndAFinishedOneCannotBeCancelled() {
        BatchPort port = port();
        BatchJob job = port.submit("cancelled", MODEL, requests(2), BatchSubmitOptions.defaults());
        port.cancel(job.name());
        assertThat(port.await(job.name(), Duration.ofHours(1), j -> { }).state()).isEqualTo(BatchState.CANCELLED);

        BatchJob other = port.submit("finished", MODEL, requests(1), BatchSubmitOptions.defaults());
        port.await(other.name(), Duration.ofHours(1), j -> { });
        assertThatThrownBy(() -> port.cancel(other.name())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aDeletedJobIsGone() {
        BatchPort port = port();
        BatchJob job = port.submit("deleted", MODEL, requests(1), BatchSubmitOptions.defaults());
        port.delete(job.name());
        assertThatThrownBy(() -> port.get(job.name())).isInstanceOfAny(NotFoundException.class, PermissionDeniedException.class);
        assertThatThrownBy(() -> port.delete(job.name())).isInstanceOfAny(NotFoundException.class, PermissionDeniedException.class);
        assertThat(port.list().map(BatchJob::name)).doesNotContain(job.name());
    }

    @Test
    void aJobThatNeverStartsTimesOutTheWaitThenExpiresWithoutResults() {
        BatchPort port = fixture().portWithStalledJob();
        ports.add(port);
        BatchJob job = port.submit("stalled", MODEL, requests(2), BatchSubmitOptions.defaults());
        assertThatThrownBy(() -> port.await(job.name(), Duration.ofHours(1), j -> { }))
                .isInstanceOf(GenerationTimeoutException.class).hasMessageContaining(job.name());
        BatchJob expired = port.await(job.name(), Duration.ofHours(49), j -> { });
        assertThat(expired.state()).isEqualTo(BatchState.EXPIRED);
        assertThat(expired.output()).isEmpty();
        assertThatThrownBy(() -> port.results(job.name()).close()).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aFailedJobCarriesItsErrorAndHasNoResults() {
        BatchPort port = fixture().portWithFailingJob("quota of the project exhausted");
        ports.add(port);
        BatchJob job = port.submit("failing", MODEL, requests(2), BatchSubmitOptions.defaults());
        BatchJob failed = port.await(job.name(), Duration.ofHours(1), j -> { });
        assertThat(failed.state()).isEqualTo(BatchState.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e.message()).contains("quota of the project exhausted"));
        assertThatThrownBy(() -> port.results(job.name()).close()).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aRepeatedKeyAnotherModelOrNoRequestIsRefusedBeforeAJobIsCreated() {
        BatchPort port = port();
        List<KeyedRequest> repeated = new ArrayList<>(requests(2));
        repeated.add(repeated.get(0));
        assertThatThrownBy(() -> port.submit("dup", MODEL, repeated, BatchSubmitOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("requests[2].key");
        List<KeyedRequest> otherModel = List.of(KeyedRequest.of("x",
                GenerationRequest.builder().model("gemini-3-pro-image-preview").prompt("a cat").build()));
        assertThatThrownBy(() -> port.submit("model", MODEL, otherModel, BatchSubmitOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("requests[0].model");
        assertThatThrownBy(() -> port.submit("none", MODEL, List.of(), BatchSubmitOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(port.list().map(BatchJob::displayName)).doesNotContain(Optional.of("dup"), Optional.of("model"), Optional.of("none"));
    }

    @Test
    void aStreamOfRequestsIsReadOnce() {
        BatchPort port = port();
        BatchJob job = port.submit("streamed", MODEL, requests(3).stream(), BatchSubmitOptions.defaults());
        assertThat(job.counts().total()).isEqualTo(3);
    }

    @Test
    void anUnknownNameIsNotFoundAndAMalformedOneIsRefused() {
        BatchPort port = port();
        assertThatThrownBy(() -> port.get("batches/doesnotexist123")).isInstanceOfAny(NotFoundException.class,
                PermissionDeniedException.class);
        assertThatThrownBy(() -> port.get("batches/../files")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void callsAfterCloseFailAndClosingTwiceIsHarmless() {
        BatchPort port = port();
        port.close();
        assertThatCode(port::close).as("the second close").doesNotThrowAnyException();
        assertThatThrownBy(() -> port.get("batches/abc")).isInstanceOf(ImageGenerationException.class);
    }
}
