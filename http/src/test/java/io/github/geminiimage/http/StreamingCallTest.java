package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.ONE_PIXEL_PNG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@code streamGenerateContent} through the call engine, over the scripted transport. */
class StreamingCallTest {

    private static final String TEXT_1 = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Here \"}],"
            + "\"role\": \"model\"},\"index\": 0}],\"modelVersion\": \"gemini-2.5-flash-image\",\"responseId\": \"r1\"}\r\n\r\n";
    private static final String TEXT_2 = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"it is\"}],"
            + "\"role\": \"model\"},\"index\": 0}],\"modelVersion\": \"gemini-2.5-flash-image\",\"responseId\": \"r1\"}\r\n\r\n";
    private static final String IMAGE = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": "
            + "{\"mimeType\": \"image/png\",\"data\": \"" + ONE_PIXEL_PNG + "\"}}],\"role\": \"model\"},\"index\": 0}],"
            + "\"modelVersion\": \"gemini-2.5-flash-image\",\"responseId\": \"r1\"}\r\n\r\n";
    private static final String FINISH = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],"
            + "\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 7,"
            + "\"candidatesTokenCount\": 1290,\"totalTokenCount\": 1297},\"modelVersion\": \"gemini-2.5-flash-image\","
            + "\"responseId\": \"r1\"}\r\n\r\n";
    private static final String WHOLE = TEXT_1 + TEXT_2 + IMAGE + FINISH;
    private static final String SSE = "Content-Type";

    private final Fixture fx = new Fixture();

    private static List<StreamEvent> drain(GenerationStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        stream.forEach(events::add);
        return events;
    }

    @Test
    void aStreamIsPostedToStreamGenerateContentWithAltSseAndJoinsToTheResult() {
        fx.transport.reply(200, WHOLE, SSE, "text/event-stream");

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            List<StreamEvent> events = drain(stream);
            GenerationResult result = stream.result();

            assertThat(events).last().isInstanceOf(StreamEvent.Finished.class);
            assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
            assertThat(result.text()).isEqualTo("Here it is");
            assertThat(result.usage().totalTokens()).isEqualTo(1297);
        }
        HttpRequest sent = fx.transport.lastRequest().request();
        assertThat(sent.uri().getRawPath()).endsWith("/models/gemini-2.5-flash-image:streamGenerateContent");
        assertThat(sent.uri().getRawQuery()).isEqualTo("alt=sse");
        assertThat(fx.transport.lastRequest().bodyText()).contains("A red apple on a table");
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    @Test
    void theCallCompletesForTheObserverWhenTheStreamEndsNotWhenItOpens() {
        fx.transport.reply(200, WHOLE);
        HttpImageGeneration port = fx.port();

        try (GenerationStream stream = port.stream(Fixture.request())) {
            assertThat(fx.observer.events).containsExactly("attempt 1");
            stream.result();
        }

        assertThat(fx.observer.events).containsExactly("attempt 1", "completed after 1 with 200");
        RecordingObserver.Completion done = fx.observer.completions.get(0);
        assertThat(done.usage().totalTokens()).isEqualTo(1297);
        assertThat(done.bytesReceived()).isEqualTo(WHOLE.length());
    }

    @Test
    void anErrorStatusBeforeTheStreamIsRetried() {
        fx.transport.reply(503, GOOGLE_503).reply(200, WHOLE);

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThat(stream.result().outcome()).isEqualTo(Outcome.IMAGE);
        }
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void aBreakBeforeTheFirstEventIsRetried() {
        fx.transport.replyThenBreak(200, ": keep-alive\r\n", new SocketException("Connection reset"))
                .reply(200, WHOLE);

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThat(stream.result().outcome()).isEqualTo(Outcome.IMAGE);
        }
        assertThat(fx.transport.requestCount()).isEqualTo(2);
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    @Test
    void anErrorEventAsTheFirstEventIsRetriedLikeA503() {
        fx.transport.reply(200, "data: " + GOOGLE_503 + "\r\n\r\n").reply(200, WHOLE);

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThat(stream.result().outcome()).isEqualTo(Outcome.IMAGE);
        }
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void aBreakAfterTheFirstEventIsNotRetried() {
        fx.transport.replyThenBreak(200, TEXT_1, new SocketException("Connection reset")).always(200, WHOLE);
        List<StreamEvent> events = new ArrayList<>();

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThatThrownBy(() -> stream.forEach(events::add)).isExactlyInstanceOf(TransportException.class)
                    .hasMessageContaining("Connection reset");
            assertThatThrownBy(stream::result).isExactlyInstanceOf(TransportException.class);
        }
        assertThat(events).hasSize(1);
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(fx.observer.events).containsExactly("attempt 1", "completed after 1 with 200 TransportException");
    }

    @Test
    void anErrorEventAfterTheFirstEventIsTheTypedExceptionAndNotRetried() {
        fx.transport.reply(200, TEXT_1 + "data: " + GOOGLE_503 + "\r\n\r\n").always(200, WHOLE);

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThatThrownBy(() -> drain(stream)).isExactlyInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("after 1 event(s)");
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aBareJsonErrorAfterTheLastEventIsTheTypedException() {
        fx.transport.reply(200, TEXT_1 + "{\n  \"error\": {\n    \"code\": 503,\n    \"message\": \"overloaded\",\n"
                + "    \"status\": \"UNAVAILABLE\"\n  }\n}\n");

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThatThrownBy(stream::result).isExactlyInstanceOf(ServerErrorException.class);
        }
    }

    @Test
    void aStreamEndingWithoutAFinishReasonIsMalformed() {
        fx.transport.reply(200, TEXT_1 + TEXT_2);

        try (GenerationStream stream = fx.port().stream(Fixture.request())) {
            assertThatThrownBy(stream::result).isExactlyInstanceOf(MalformedResponseException.class);
        }
        assertThat(fx.observer.events).last().isEqualTo("completed after 1 with 200 MalformedResponseException");
    }

    @Test
    void anEmptyStreamIsMalformedBeforeTheStreamIsReturned() {
        fx.transport.reply(200, "");

        assertThatThrownBy(() -> fx.port().stream(Fixture.request())).isExactlyInstanceOf(MalformedResponseException.class);
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    @Test
    void theReplySizeCapHoldsOverTheWholeStream() {
        String padding = ": " + "x".repeat(2048) + "\r\n";
        fx.transport.reply(200, TEXT_1 + padding + FINISH);
        HttpImageGeneration port = fx.port(o -> o.maxResponseBytes(2048));

        // The scripted body comes in one piece, so the cap may strike while the first event is read.
        assertThatThrownBy(() -> {
            try (GenerationStream stream = port.stream(Fixture.request())) {
                stream.result();
            }
        }).isExactlyInstanceOf(ResponseTooLargeException.class);
        assertThat(fx.transport.openResponses).hasValue(0);
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void theOverallDeadlineClosesAHandedOverStream() {
        fx.transport.reply(200, WHOLE);
        GenerationStream stream = fx.port().stream(Fixture.request());
        Iterator<StreamEvent> events = stream.iterator();
        assertThat(events.next()).isInstanceOf(StreamEvent.AnswerText.class);

        assertThat(fx.scheduler.runNext()).as("the deadline timer of the handed-over response").isTrue();

        assertThat(fx.transport.openResponses).hasValue(0);
        assertThatThrownBy(() -> events.forEachRemaining(e -> { })).isExactlyInstanceOf(GenerationTimeoutException.class);
        assertThat(fx.scheduler.pending()).isEmpty();
        stream.close();
    }

    @Test
    void closingTheStreamAbortsTheExchangeAndEndsTheCall() {
        fx.transport.reply(200, WHOLE);
        GenerationStream stream = fx.port().stream(Fixture.request());
        Iterator<StreamEvent> events = stream.iterator();
        events.next();

        stream.close();

        assertThat(fx.transport.openResponses).hasValue(0);
        assertThat(fx.scheduler.pending()).as("no deadline timer left").isEmpty();
        assertThat(fx.observer.events).containsExactly("attempt 1", "completed after 1 with 200 TransportException");
        assertThatThrownBy(events::hasNext).isExactlyInstanceOf(TransportException.class).hasMessageContaining("closed");
        stream.close();
    }

    @Test
    void closingThePortAbortsItsOpenStreams() {
        fx.transport.reply(200, WHOLE);
        HttpImageGeneration port = fx.port();
        GenerationStream stream = port.stream(Fixture.request());

        port.close();

        assertThat(fx.transport.openResponses).hasValue(0);
        assertThatThrownBy(stream::result).isExactlyInstanceOf(TransportException.class).hasMessageContaining("closed");
    }

    @Test
    void asyncDeliversTheEventsToTheListenerAndCompletesWithTheResult() throws Exception {
        fx.transport.reply(503, GOOGLE_503).reply(200, WHOLE);
        List<StreamEvent> events = new ArrayList<>();

        CompletableFuture<GenerationResult> future = fx.port().streamAsync(Fixture.request(), events::add);
        while (!future.isDone() && fx.scheduler.runNext()) {
            // the retry's timer, then the reader runs inline on the manual scheduler
        }

        assertThat(future.get().outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(events).last().isInstanceOf(StreamEvent.Finished.class);
        assertThat(fx.transport.requestCount()).isEqualTo(2);
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    @Test
    void cancellingBeforeTheStreamOpensAbortsTheExchange() {
        CompletableFuture<io.github.geminiimage.http.HttpResponse> held = new CompletableFuture<>();
        fx.transport.hold(held);

        CompletableFuture<GenerationResult> future = fx.port().streamAsync(Fixture.request(), e -> { });
        future.cancel(true);

        assertThat(held).isCancelled();
        assertThatThrownBy(future::get).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void aListenerThatThrowsClosesTheStream() {
        fx.transport.reply(200, WHOLE);
        IllegalStateException bug = new IllegalStateException("bug");

        CompletableFuture<GenerationResult> future = fx.port().streamAsync(Fixture.request(), e -> {
            throw bug;
        });

        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause().isSameAs(bug);
        assertThat(fx.transport.openResponses).hasValue(0);
    }

    @Test
    void aFailureBeforeTheStreamFailsTheAsyncFuture() throws IOException {
        fx.transport.reply(400, "{\"error\":{\"code\":400,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\"}}");

        CompletableFuture<GenerationResult> future = fx.port().streamAsync(Fixture.request(), e -> { });

        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(io.github.geminiimage.domain.error.InvalidRequestException.class);
    }
}
