package io.github.geminiimage.http;

import io.github.geminiimage.domain.poll.Sleeper;
import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.github.geminiimage.domain.error.ServerErrorException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The calls the engine makes to the callbacks a user hands it: the observer and the sleeper. */
class CallbacksTest {

    private final Fixture fx = new Fixture();
    private final CallObserver observer = mock(CallObserver.class);
    private final Sleeper sleeper = mock(Sleeper.class);

    private HttpImageGeneration port() {
        return HttpGeminiClient.builder(fx.transport, ApiKey.of(Fixture.SENTINEL_KEY))
                .options(HttpOptions.builder().observer(observer).build())
                .clock(fx.clock).sleeper(sleeper).random(Fixture.halfJitter()).executor(fx.scheduler).build().imagesOnly();
    }

    @Test
    void aRetriedCallTellsTheObserverEachAttemptTheRetryAndOneCompletionInOrder() throws Exception {
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);

        try (HttpImageGeneration port = port()) {
            port.generate(Fixture.request());
        }

        Optional<String> model = Optional.of("gemini-2.5-flash-image");
        InOrder order = inOrder(observer, sleeper);
        ArgumentCaptor<CallObserver.AttemptStarted> first = ArgumentCaptor.forClass(CallObserver.AttemptStarted.class);
        order.verify(observer).attemptStarted(first.capture());
        long id = first.getValue().callId();
        assertThat(first.getValue()).isEqualTo(new CallObserver.AttemptStarted(id, "generateContent", model, 1));
        ArgumentCaptor<CallObserver.RequestSent> sent = ArgumentCaptor.forClass(CallObserver.RequestSent.class);
        ArgumentCaptor<CallObserver.ResponseReceived> replied = ArgumentCaptor.forClass(CallObserver.ResponseReceived.class);
        order.verify(observer).requestSent(sent.capture());
        order.verify(observer).responseReceived(replied.capture());
        ArgumentCaptor<CallObserver.RetryScheduled> retry = ArgumentCaptor.forClass(CallObserver.RetryScheduled.class);
        order.verify(observer).retryScheduled(retry.capture());
        order.verify(sleeper).sleep(Duration.ofMillis(750));
        order.verify(observer).attemptStarted(new CallObserver.AttemptStarted(id, "generateContent", model, 2));
        order.verify(observer).requestSent(sent.capture());
        order.verify(observer).responseReceived(replied.capture());
        assertThat(sent.getAllValues()).extracting(CallObserver.RequestSent::callId, CallObserver.RequestSent::attempt,
                CallObserver.RequestSent::method).containsExactly(tuple(id, 1, "POST"), tuple(id, 2, "POST"));
        assertThat(replied.getAllValues()).extracting(CallObserver.ResponseReceived::callId,
                CallObserver.ResponseReceived::attempt, CallObserver.ResponseReceived::status)
                .containsExactly(tuple(id, 1, 503), tuple(id, 2, 200));
        ArgumentCaptor<CallObserver.CallCompleted> done = ArgumentCaptor.forClass(CallObserver.CallCompleted.class);
        order.verify(observer).callCompleted(done.capture());
        verifyNoMoreInteractions(observer, sleeper);

        assertThat(retry.getValue().callId()).isEqualTo(id);
        assertThat(done.getValue().callId()).isEqualTo(id);
        assertThat(retry.getValue().nextAttempt()).isEqualTo(2);
        assertThat(retry.getValue().delay()).isEqualTo(Duration.ofMillis(750));
        assertThat(retry.getValue().cause()).isInstanceOf(ServerErrorException.class);
        assertThat(done.getValue().succeeded()).isTrue();
        assertThat(done.getValue().attempts()).isEqualTo(2);
        assertThat(done.getValue().httpStatus()).hasValue(200);
        assertThat(done.getValue().usage().totalTokens()).isEqualTo(1297);
    }

    @Test
    void aCallThatIsNotRetriedNeverSleeps() throws Exception {
        fx.transport.reply(400, "{\"error\":{\"code\":400,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\"}}");

        try (HttpImageGeneration port = port()) {
            org.assertj.core.api.Assertions.catchThrowable(() -> port.generate(Fixture.request()));
        }

        verify(sleeper, never()).sleep(any());
        verify(observer, never()).retryScheduled(any());
        ArgumentCaptor<CallObserver.CallCompleted> done = ArgumentCaptor.forClass(CallObserver.CallCompleted.class);
        verify(observer).callCompleted(done.capture());
        assertThat(done.getValue().failure()).isPresent();
    }

    @Test
    void everyCallHasItsOwnIdOnAllOfItsEvents() {
        fx.transport.reply(200, SUCCESS_BODY).reply(200, SUCCESS_BODY);

        try (HttpImageGeneration port = port()) {
            port.generate(Fixture.request());
            port.generate(Fixture.request());
        }

        ArgumentCaptor<CallObserver.AttemptStarted> started = ArgumentCaptor.forClass(CallObserver.AttemptStarted.class);
        ArgumentCaptor<CallObserver.CallCompleted> done = ArgumentCaptor.forClass(CallObserver.CallCompleted.class);
        verify(observer, times(2)).attemptStarted(started.capture());
        verify(observer, times(2)).callCompleted(done.capture());
        assertThat(started.getAllValues()).extracting(CallObserver.AttemptStarted::callId)
                .containsExactlyElementsOf(done.getAllValues().stream().map(CallObserver.CallCompleted::callId).toList())
                .doesNotHaveDuplicates();
    }
}
