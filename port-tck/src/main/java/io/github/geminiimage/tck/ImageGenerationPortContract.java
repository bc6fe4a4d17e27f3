package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.port.ImageGenerationPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link ImageGenerationPort} must do, whatever moves the bytes: the fake, and every
 * HTTP adapter (scripted through {@link WireMockPortFixture}). A subclass supplies a
 * {@link PortFixture} that makes ports scripted to give each outcome and each failure; the suite
 * checks the results, the exception types, that async completes exactly as sync, cancellation,
 * closing, and thread safety, so the fake never accepts what a real call would reject.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ImageGenerationPortContract {

    /**
     * Makes ports scripted to answer every call the same way. Each port it returns is closed by the
     * fixture's {@link #close()} (closing a port twice must be harmless anyway).
     */
    public interface PortFixture extends AutoCloseable {

        /** A port whose calls all return a result with {@code outcome}. */
        ImageGenerationPort portReturning(Outcome outcome);

        /**
         * A port whose calls all fail with {@code type} (one of {@link #failureTypes()}), once the
         * retries its options allow are spent.
         */
        ImageGenerationPort portFailingWith(Class<? extends ImageGenerationException> type);

        /** A port whose calls return an image only after {@code delay} (so they can be cancelled meanwhile). */
        ImageGenerationPort portAnsweringAfter(Duration delay);

        /**
         * Waits up to {@code timeout} until {@code count} calls sent through ports of
         * {@link #portAnsweringAfter} have reached the serving side (the server holds their requests).
         *
         * @return whether they did within the timeout
         */
        boolean awaitAnsweringCallsArrived(int count, Duration timeout) throws InterruptedException;

        /**
         * Waits up to {@code timeout} until every call sent through a port of {@link #portAnsweringAfter}
         * has ended on the serving side without being answered, as a cancelled call must: over HTTP the
         * server saw the request's connection close before it replied; in process, no answer was made.
         *
         * @return whether each such call ended so within the timeout
         */
        boolean awaitAnsweringCallsAborted(Duration timeout) throws InterruptedException;

        /** Closes every port made and what the fixture started. */
        @Override
        void close();
    }

    private PortFixture fixture;
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    /** The fixture for this suite; called once, closed after the suite. */
    protected abstract PortFixture createFixture();

    /** The request every test sends. */
    protected GenerationRequest request() {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("a red bicycle, watercolour").build();
    }

    /** The failures a port may raise from a call (all but {@link NoImageException}, which only {@code requireImage} raises). */
    public static Stream<Class<? extends ImageGenerationException>> failureTypes() {
        return Stream.of(InvalidRequestException.class, AuthenticationException.class, PermissionDeniedException.class,
                NotFoundException.class, RateLimitedException.class, ServerErrorException.class,
                GenerationTimeoutException.class, TransportException.class, MalformedResponseException.class,
                ResponseTooLargeException.class);
    }

    @BeforeAll
    void startFixture() {
        fixture = createFixture();
    }

    @AfterAll
    void closeFixture() {
        for (ImageGenerationPort port : ports) {
            port.close();
        }
        fixture.close();
    }

    private ImageGenerationPort returning(Outcome outcome) {
        return track(fixture.portReturning(outcome));
    }

    private ImageGenerationPort track(ImageGenerationPort port) {
        ports.add(port);
        return port;
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void returnsEveryOutcomeAsAResult(Outcome outcome) {
        GenerationResult result = returning(outcome).generate(request());

        assertThat(result.outcome()).isEqualTo(outcome);
        if (outcome == Outcome.IMAGE) {
            assertThat(result.requireImage()).isNotNull();
            assertThat(result.images()).isNotEmpty();
        } else {
            assertThatThrownBy(result::requireImage).isInstanceOfSatisfying(NoImageException.class,
                    e -> assertThat(e.outcome()).isEqualTo(outcome));
        }
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void asyncReturnsWhatSyncReturns(Outcome outcome) throws Exception {
        ImageGenerationPort port = returning(outcome);
        GenerationResult sync = port.generate(request());
        GenerationResult async = port.generateAsync(request()).get(20, TimeUnit.SECONDS);

        assertThat(async.outcome()).isEqualTo(sync.outcome());
        assertThat(async.images()).hasSameSizeAs(sync.images());
        assertThat(async.text()).isEqualTo(sync.text());
    }

    @ParameterizedTest
    @MethodSource("failureTypes")
    void failsWithTheScriptedException(Class<? extends ImageGenerationException> type) {
        ImageGenerationPort port = track(fixture.portFailingWith(type));

        assertThatThrownBy(() -> port.generate(request())).isExactlyInstanceOf(type)
                .satisfies(e -> assertThat(((ImageGenerationException) e).attempts()).isPositive());
    }

    @ParameterizedTest
    @MethodSource("failureTypes")
    void asyncFailsWithTheSameException(Class<? extends ImageGenerationException> type) {
        ImageGenerationPort port = track(fixture.portFailingWith(type));
        CompletableFuture<GenerationResult> future = port.generateAsync(request());

        assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(type);
    }

    @Test
    void cancellingTheFutureCancelsTheCall() throws InterruptedException {
        ImageGenerationPort port = track(fixture.portAnsweringAfter(Duration.ofSeconds(20)));
        CompletableFuture<GenerationResult> future = port.generateAsync(request());
        assertThat(fixture.awaitAnsweringCallsArrived(1, Duration.ofSeconds(10))).as("the call reached the server").isTrue();

        assertThat(future.cancel(true)).isTrue();
        assertThat(future).isCancelled();
        // Any future can be marked cancelled: the call itself must end (its exchange aborted), well before its answer.
        assertThat(fixture.awaitAnsweringCallsAborted(Duration.ofSeconds(15))).as("the cancelled call was aborted").isTrue();
        port.close();
    }

    @Test
    void aCallAfterCloseFails() {
        ImageGenerationPort port = returning(Outcome.IMAGE);
        port.close();

        assertThatThrownBy(() -> port.generate(request())).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> port.generateAsync(request()).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ImageGenerationException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        ImageGenerationPort port = returning(Outcome.IMAGE);
        port.generate(request());
        port.close();

        assertThatCode(port::close).as("the second close").doesNotThrowAnyException();
        assertThatThrownBy(() -> port.generate(request())).as("a call after both closes")
                .isInstanceOf(ImageGenerationException.class);
    }

    @Test
    void aNullRequestIsANullPointerException() {
        ImageGenerationPort port = returning(Outcome.IMAGE);

        assertThatThrownBy(() -> port.generate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> port.generateAsync(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void servesConcurrentCalls() throws Exception {
        ImageGenerationPort port = returning(Outcome.IMAGE);
        List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            futures.add(i % 2 == 0 ? port.generateAsync(request())
                    : CompletableFuture.supplyAsync(() -> port.generate(request())));
        }
        for (CompletableFuture<GenerationResult> future : futures) {
            assertThat(future.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.IMAGE);
        }
    }
}
