package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ImageGenerationPort} must do when it streams, whatever moves the bytes: events
 * in order ending with a finish, the same result as {@code generate}, thoughts apart from the
 * answer, the same typed failures before and after the first event, a cut-short stream never a
 * success, close and cancel aborting at once. A subclass supplies a {@link StreamFixture}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ImageGenerationStreamContract {

    /** Makes ports scripted to stream one way. Each port it returns is closed by {@link #close()}. */
    public interface StreamFixture extends AutoCloseable {

        /**
         * A port whose streams deliver a reply with answer text and an image, over several events
         * (text split in deltas), ending with {@code STOP}; its {@code generate} returns the same
         * reply whole.
         */
        ImageGenerationPort portStreamingImage();

        /**
         * A port answering {@link #thoughtsRequest()} with thought text and an interim thought image
         * before the answer image, whose answer parts carry thought signatures.
         */
        ImageGenerationPort portStreamingThoughts();

        /** A port whose calls fail with HTTP 503 {@code UNAVAILABLE} before any event. */
        ImageGenerationPort portFailingBeforeFirstEvent();

        /** A port whose streams deliver at least one event, then an error event 503 {@code UNAVAILABLE}. */
        ImageGenerationPort portFailingAfterFirstEvent();

        /** A port whose streams deliver events and end without a finish reason. */
        ImageGenerationPort portEndingWithoutFinish();

        /** A port whose streams deliver one event, then nothing for far longer than this suite's timeout. */
        ImageGenerationPort portStallingAfterFirstEvent();

        /** Closes every port made and what the fixture started. */
        @Override
        void close();
    }

    private StreamFixture fixture;
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    /** The fixture for this suite; called once, closed after the suite. */
    protected abstract StreamFixture createFixture();

    /** The request most tests stream. */
    protected GenerationRequest request() {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("a red bicycle, watercolour").build();
    }

    /** The request that asks for thoughts. */
    public static GenerationRequest thoughtsRequest() {
        return GenerationRequest.builder().model("gemini-3-pro-image").prompt("a lighthouse at dusk")
                .includeThoughts(true).build();
    }

    @BeforeAll
    void startFixture() {
        fixture = createFixture();
    }

    @AfterAll
    void closeFixture() {
        ports.forEach(ImageGenerationPort::close);
        fixture.close();
    }

    private ImageGenerationPort track(ImageGenerationPort port) {
        ports.add(port);
        return port;
    }

    private static List<StreamEvent> drain(GenerationStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        stream.forEach(events::add);
        return events;
    }

    /** A stream's events and then its result, read whole. */
    private record Streamed(List<StreamEvent> events, GenerationResult result) {
    }

    private static Streamed streamWhole(ImageGenerationPort port, GenerationRequest request) {
        try (GenerationStream stream = port.stream(request)) {
            List<StreamEvent> events = drain(stream);
            return new Streamed(events, stream.result());
        }
    }

    @Test
    void streamDeliversEventsEndingWithAFinishAndTheResultGenerateReturns() {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        Streamed whole = streamWhole(port, request());
        List<StreamEvent> events = whole.events();
        GenerationResult streamed = whole.result();

        assertThat(events).isNotEmpty().last().isInstanceOf(StreamEvent.Finished.class);
        assertThat(events).filteredOn(StreamEvent.AnswerImage.class::isInstance).hasSize(1);
        assertThat(events.stream().filter(StreamEvent.AnswerText.class::isInstance)).hasSizeGreaterThan(1);
        assertThat(streamed.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(streamed).isEqualTo(port.generate(request()));
    }

    @Test
    void textDeltasJoinIntoTheResultText() {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        try (GenerationStream stream = port.stream(request())) {
            String joined = stream.events().filter(StreamEvent.AnswerText.class::isInstance)
                    .map(e -> ((StreamEvent.AnswerText) e).text()).collect(Collectors.joining());

            assertThat(stream.result().text()).isEqualTo(joined);
        }
    }

    @Test
    void thoughtsArriveBeforeTheAnswerAndTheResultKeepsThemForReplay() {
        ImageGenerationPort port = track(fixture.portStreamingThoughts());
        Streamed whole = streamWhole(port, thoughtsRequest());
        List<StreamEvent> events = whole.events();

        int firstThought = indexOf(events, StreamEvent.ThoughtText.class);
        int draft = indexOf(events, StreamEvent.ThoughtImage.class);
        int answer = indexOf(events, StreamEvent.AnswerImage.class);
        assertThat(firstThought).isNotNegative().isLessThan(answer);
        assertThat(draft).isNotNegative().isLessThan(answer);
        List<Part> turn = whole.result().modelTurn().orElseThrow().parts();
        assertThat(turn).anyMatch(p -> p instanceof Part.Image && p.thought());
        assertThat(turn).filteredOn(p -> p instanceof Part.Image && !p.thought())
                .allMatch(p -> p.thoughtSignature().isPresent());
        assertThat(whole.result().finalImage()).contains(((StreamEvent.AnswerImage) events.get(answer)).image());
    }

    @Test
    void theEventsCanBeTakenOnlyOnce() {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        try (GenerationStream stream = port.stream(request())) {
            stream.iterator();

            assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(stream::events).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void resultWithoutIteratingReadsTheWholeStream() {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        try (GenerationStream stream = port.stream(request())) {
            assertThat(stream.result().outcome()).isEqualTo(Outcome.IMAGE);
            assertThat(stream.iterator().hasNext()).isFalse();
        }
    }

    @Test
    void aFailureBeforeTheFirstEventIsThrownByStream() {
        ImageGenerationPort port = track(fixture.portFailingBeforeFirstEvent());

        assertThatThrownBy(() -> port.stream(request()).close()).isExactlyInstanceOf(ServerErrorException.class)
                .satisfies(e -> assertThat(((ImageGenerationException) e).attempts()).isPositive());
        assertThatThrownBy(() -> port.streamAsync(request(), e -> { }).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isExactlyInstanceOf(ServerErrorException.class);
    }

    @Test
    void aFailureAfterTheFirstEventIsThrownByTheIteratorAfterTheEventsBeforeIt() {
        ImageGenerationPort port = track(fixture.portFailingAfterFirstEvent());
        List<StreamEvent> events = new ArrayList<>();
        try (GenerationStream stream = port.stream(request())) {
            assertThatThrownBy(() -> stream.forEach(events::add)).isExactlyInstanceOf(ServerErrorException.class);
            assertThatThrownBy(stream::result).isExactlyInstanceOf(ServerErrorException.class);
        }
        assertThat(events).isNotEmpty();
    }

    @Test
    void asyncFailsAfterTheFirstEventWithTheSameException() {
        ImageGenerationPort port = track(fixture.portFailingAfterFirstEvent());
        List<StreamEvent> events = Collections.synchronizedList(new ArrayList<>());

        assertThatThrownBy(() -> port.streamAsync(request(), events::add).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isExactlyInstanceOf(ServerErrorException.class);
        assertThat(events).isNotEmpty();
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonIsMalformedNeverASuccess() {
        ImageGenerationPort port = track(fixture.portEndingWithoutFinish());
        try (GenerationStream stream = port.stream(request())) {
            assertThatThrownBy(() -> drain(stream)).isExactlyInstanceOf(MalformedResponseException.class);
        }
        assertThatThrownBy(() -> port.streamAsync(request(), e -> { }).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isExactlyInstanceOf(MalformedResponseException.class);
    }

    @Test
    void asyncDeliversTheSameEventsAndResultAsSync() throws Exception {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        Streamed sync = streamWhole(port, request());
        List<StreamEvent> async = Collections.synchronizedList(new ArrayList<>());

        GenerationResult asyncResult = port.streamAsync(request(), async::add).get(20, TimeUnit.SECONDS);

        assertThat(async).isEqualTo(sync.events());
        assertThat(asyncResult).isEqualTo(sync.result());
    }

    @Test
    void closingFromAnotherThreadAbortsAWaitingIterator() throws Exception {
        ImageGenerationPort port = track(fixture.portStallingAfterFirstEvent());
        GenerationStream stream = port.stream(request());
        Iterator<StreamEvent> events = stream.iterator();
        assertThat(events.hasNext()).isTrue();
        events.next();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(events::hasNext);

        stream.close();

        assertThatThrownBy(() -> waiting.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TransportException.class);
        assertThatThrownBy(stream::result).isInstanceOf(TransportException.class);
        stream.close();
    }

    @Test
    void cancellingTheAsyncFutureStopsTheStream() throws Exception {
        ImageGenerationPort port = track(fixture.portStallingAfterFirstEvent());
        CountDownLatch first = new CountDownLatch(1);
        List<StreamEvent> events = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<GenerationResult> future = port.streamAsync(request(), e -> {
            events.add(e);
            first.countDown();
        });
        assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        int delivered = events.size();
        port.close();
        assertThat(events).hasSize(delivered);
    }

    @Test
    void aListenerThatThrowsFailsTheFutureWithWhatItThrew() {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        IllegalStateException bug = new IllegalStateException("listener bug");

        assertThatThrownBy(() -> port.streamAsync(request(), e -> {
            throw bug;
        }).get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isSameAs(bug);
    }

    @Test
    void aStreamAfterCloseFails() {
        ImageGenerationPort port = track(fixture.portStreamingImage());
        port.close();

        assertThatThrownBy(() -> port.stream(request()).result()).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> port.streamAsync(request(), e -> { }).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ImageGenerationException.class);
    }

    @Test
    void aNullRequestOrListenerIsANullPointerException() {
        ImageGenerationPort port = track(fixture.portStreamingImage());

        assertThatThrownBy(() -> port.stream(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> port.streamAsync(null, e -> { })).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> port.streamAsync(request(), null)).isInstanceOf(NullPointerException.class);
    }

    private static int indexOf(List<StreamEvent> events, Class<? extends StreamEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
