package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncTest {

    private final Fixture fx = new Fixture();
    private final HttpImageGeneration port = fx.port();

    @AfterEach
    void everyResponseWasClosedAndNothingSlept() {
        port.close();
        assertThat(fx.transport.openResponses).as("responses left open").hasValue(0);
        assertThat(fx.sleeper.sleeps).as("async calls never sleep on a thread").isEmpty();
    }

    @Test
    void completesLikeTheBlockingCall() {
        fx.transport.reply(200, SUCCESS_BODY);

        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        assertThat(future).isCompleted();
        assertThat(future.join().requireImage().mimeType()).isEqualTo("image/png");
        assertThat(fx.scheduler.pending()).as("the deadline timer is cancelled").isEmpty();
    }

    @Test
    void doesNotBlockTheCallerWhileTheExchangeIsInFlight() {
        CompletableFuture<HttpResponse> exchange = new CompletableFuture<>();
        fx.transport.hold(exchange);

        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        assertThat(future).isNotDone();
        exchange.complete(fx.transport.response(200, SUCCESS_BODY.getBytes(), Map.of()));
        assertThat(future.join().finalImage()).isPresent();
    }

    @Test
    void schedulesARetryInsteadOfSleeping() {
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);

        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        assertThat(future).isNotDone();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(fx.scheduler.scheduledDelays).contains(Duration.ofMillis(750));
        assertThat(fx.scheduler.runNext()).isTrue();
        assertThat(future).isCompleted();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
        assertThat(fx.clock.instant()).isEqualTo(Fixture.START.plusMillis(750));
    }

    @Test
    void failsWithTheSameExceptionAsTheBlockingCall() {
        fx.transport.always(503, GOOGLE_503);

        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());
        while (!future.isDone() && fx.scheduler.runNext()) {
            // run the retry timers
        }

        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ServerErrorException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo("HTTP 503 UNAVAILABLE: The model is overloaded. Please try again later.");
                });
        assertThat(fx.transport.requestCount()).isEqualTo(3);
    }

    @Test
    void cancellingStopsTheScheduledRetry() {
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        future.cancel(true);

        assertThat(fx.scheduler.pending()).isEmpty();
        assertThat(fx.scheduler.runNext()).isFalse();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(future).isCancelled();
    }

    @Test
    void cancellingCancelsTheExchangeInFlight() {
        CompletableFuture<HttpResponse> exchange = new CompletableFuture<>();
        fx.transport.hold(exchange);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        future.cancel(true);

        assertThat(exchange).isCancelled();
        assertThat(fx.scheduler.pending()).isEmpty();
    }

    @Test
    void aResponseArrivingAfterTheCancelIsClosed() {
        CompletableFuture<HttpResponse> stubborn = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                return false; // a transport that cannot abort in time
            }
        };
        fx.transport.hold(stubborn);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());
        future.cancel(true);

        FakeTransport.FakeResponse late = fx.transport.response(200, SUCCESS_BODY.getBytes(), Map.of());
        stubborn.complete(late);

        assertThat(late.isClosed()).isTrue();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void cancellingWhileTheReplyIsReadClosesTheResponse() {
        fx.scheduler.deferExecution = true;
        fx.transport.reply(200, SUCCESS_BODY);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());
        FakeTransport.FakeResponse response = fx.transport.responses.get(0);
        assertThat(response.isClosed()).isFalse();

        future.cancel(true);

        assertThat(response.isClosed()).isTrue();
        assertThat(fx.scheduler.runDeferred()).isEqualTo(1);
        assertThat(future).isCancelled();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void theOverallDeadlineFailsTheCallAndAbortsTheExchange() {
        CompletableFuture<HttpResponse> exchange = new CompletableFuture<>();
        fx.transport.hold(exchange);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        assertThat(fx.scheduler.runNext()).isTrue();

        assertThat(fx.clock.instant()).isEqualTo(Fixture.START.plus(HttpOptions.defaults().overallDeadline()));
        assertThatThrownBy(future::join).cause().isInstanceOf(GenerationTimeoutException.class)
                .hasMessageContaining("overall deadline of PT10M");
        assertThat(exchange).isCancelled();
    }

    @Test
    void aTransportFailureIsRetriedAsync() {
        fx.transport.fail(new java.net.ConnectException("Connection refused")).reply(200, SUCCESS_BODY);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());
        assertThat(fx.scheduler.runNext()).isTrue();
        assertThat(future.join().finalImage()).isPresent();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void closingFailsCallsInFlightAndCancelsTheirExchanges() {
        CompletableFuture<HttpResponse> exchange = new CompletableFuture<>();
        fx.transport.hold(exchange);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());

        port.close();

        assertThatThrownBy(future::join).cause().isInstanceOf(TransportException.class).hasMessageStartingWith("closed");
        assertThat(exchange).isCancelled();
        assertThat(fx.scheduler.pending()).isEmpty();
    }

    @Test
    void theObserverSeesAsyncAttemptsRetriesAndTheCompletion() {
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);
        CompletableFuture<GenerationResult> future = port.generateAsync(Fixture.request());
        fx.scheduler.runNext();
        future.join();
        assertThat(fx.observer.events).containsExactly("attempt 1", "retry 2 in PT0.75S after ServerErrorException",
                "attempt 2", "completed after 2 with 200");
    }

    @Test
    void theObserverSeesACancellation() {
        fx.transport.reply(503, GOOGLE_503);
        port.generateAsync(Fixture.request()).cancel(true);
        assertThat(fx.observer.completions).singleElement()
                .satisfies(c -> assertThat(c.failure()).isInstanceOf(CancellationException.class));
    }

    @Test
    void theOwnedThreadsRunRetriesAndStopOnClose() throws Exception {
        FakeTransport transport = new FakeTransport();
        List<String> threads = new CopyOnWriteArrayList<>();
        transport.onExchange = r -> threads.add(Thread.currentThread().getName());
        transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);
        HttpOptions options = HttpOptions.builder()
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO)).build();
        HttpImageGeneration real = HttpGeminiClient.builder(transport, ApiKey.of(Fixture.SENTINEL_KEY)).options(options)
                .ownsTransport(true).build().imagesOnly();

        GenerationResult result = real.generateAsync(Fixture.request()).get(30, TimeUnit.SECONDS);

        assertThat(result.finalImage()).isPresent();
        assertThat(threads).hasSize(2);
        // The retry runs on the client's own threads: its timer, or the reader that read the 503 when the zero wait was over first.
        assertThat(threads.get(1)).matches("gemini-image-http-\\d+-(timer|reader)-\\d+");
        real.close();
        assertThat(transport.closeCalls).hasValue(1);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(threads.get(1).replaceAll("(timer|reader)-\\d+$", ""))) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as(t.getName() + " still alive after close").isFalse();
            }
        }
        assertThat(transport.openResponses).hasValue(0);
    }
}
