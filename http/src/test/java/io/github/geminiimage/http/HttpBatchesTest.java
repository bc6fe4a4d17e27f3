package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.poll.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the HTTP batch port sends and how it reads the operation, over a scripted transport. */
class HttpBatchesTest {

    private static final String RUNNING = """
            {"name": "batches/1234567890",
             "metadata": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
               "model": "models/gemini-2.5-flash", "displayName": "my-batch-job",
               "createTime": "2025-09-01T04:13:24.263450184Z", "updateTime": "2025-09-01T04:29:25.679632Z",
               "batchStats": {"requestCount": "4", "successfulRequestCount": "1", "pendingRequestCount": "3"},
               "state": "BATCH_STATE_RUNNING", "name": "batches/1234567890"}}""";
    private static final String TEXT_RESPONSE = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"%s\"}]},\"finishReason\":\"STOP\"}]}";

    private final FakeTransport transport = new FakeTransport();
    private final HttpGeminiClient client = HttpGeminiClient.builder(transport, ApiKey.of("AIzaTEST-key-0123456789"))
            .options(HttpOptions.builder().retryPolicy(RetryPolicy.defaults()
                    .withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1))).build()).build();
    private final HttpBatches port = client.batches();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void getReadsTheLiveOperationWithBatchStatePrefixAndCountsAsStringsZerosOmitted() {
        transport.reply(200, RUNNING);
        BatchJob job = port.get("1234567890");
        assertThat(job.name()).isEqualTo("batches/1234567890");
        assertThat(job.state()).isEqualTo(BatchState.RUNNING);
        assertThat(job.counts()).isEqualTo(new BatchCounts(4, 1, 0, 3));
        assertThat(job.model()).isEqualTo("models/gemini-2.5-flash");
        assertThat(job.displayName()).contains("my-batch-job");
        assertThat(job.createTime()).contains(Instant.parse("2025-09-01T04:13:24.263450184Z"));
        assertThat(job.output()).isEmpty();
        assertThat(transport.lastRequest().request().method()).isEqualTo("GET");
        assertThat(transport.lastRequest().request().uri().getPath()).isEqualTo("/v1beta/batches/1234567890");
    }

    @Test
    void theSdkJobStatePrefixAndNumericCountsAreAcceptedToo() {
        transport.reply(200, "{\"name\":\"batches/b1\",\"metadata\":{\"state\":\"JOB_STATE_SUCCEEDED\","
                + "\"batchStats\":{\"requestCount\":2,\"successfulRequestCount\":2}},\"done\":true,"
                + "\"response\":{\"responsesFile\":\"files/batch-b1\"}}");
        BatchJob job = port.get("batches/b1");
        assertThat(job.state()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(job.counts().succeeded()).isEqualTo(2);
        assertThat(job.output()).contains(new BatchOutput.ResponsesFile("files/batch-b1"));
    }

    @Test
    void theOutputIsFoundInMetadataOutputWhenResponseIsAbsentAndInlineResponsesAreCounted() {
        transport.reply(200, "{\"name\":\"batches/b2\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\",\"output\":"
                + "{\"inlinedResponses\":{\"inlinedResponses\":[{\"metadata\":{\"key\":\"a\"},\"response\":"
                + TEXT_RESPONSE.formatted("one") + "},{\"metadata\":{\"key\":\"b\"},\"error\":{\"code\":3,\"message\":\"bad\"}}]}}}}");
        assertThat(port.get("batches/b2").output()).contains(new BatchOutput.Inline(2));
    }

    @Test
    void inlineResultsAreReadFromTheReplyInInputOrderWithErrorsTyped() {
        transport.reply(200, "{\"name\":\"batches/b3\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\"},\"done\":true,"
                + "\"response\":{\"@type\":\"x\",\"inlinedResponses\":{\"inlinedResponses\":["
                + "{\"metadata\":{\"key\":\"first\"},\"response\":" + TEXT_RESPONSE.formatted("one") + "},"
                + "{\"error\":{\"code\":3,\"message\":\"Request contains an invalid argument.\",\"status\":\"INVALID_ARGUMENT\"},"
                + "\"metadata\":{\"key\":\"second\"}},"
                + "{\"metadata\":{\"key\":\"third\"},\"response\":" + TEXT_RESPONSE.formatted("three") + "}]}}}");
        List<BatchResult> results;
        try (Stream<BatchResult> stream = port.results("batches/b3")) {
            results = stream.toList();
        }
        assertThat(results).extracting(BatchResult::key).containsExactly("first", "second", "third");
        assertThat(results.get(0).requireResult().text()).isEqualTo("one");
        assertThat(results.get(1).error()).containsInstanceOf(InvalidRequestException.class);
        assertThat(results.get(2).requireResult().text()).isEqualTo("three");
        assertThat(transport.openResponses.get()).isZero();
    }

    @Test
    void anInlineCreateSendsTheRestShapeWithDoubledRequestsAndKeysInMetadata() {
        transport.reply(200, RUNNING);
        port.submit("shots", "gemini-2.5-flash-image", List.of(request("sku-1"), request("sku-2")),
                BatchSubmitOptions.via(BatchInputMode.INLINE));
        FakeTransport.Recorded sent = transport.lastRequest();
        assertThat(sent.request().method()).isEqualTo("POST");
        assertThat(sent.request().uri().getPath()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:batchGenerateContent");
        String body = sent.bodyText();
        assertThat(body).startsWith("{\"batch\":{\"displayName\":\"shots\",\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{");
        assertThat(body).contains("\"generationConfig\":{").contains("\"metadata\":{\"key\":\"sku-1\"}")
                .contains("\"metadata\":{\"key\":\"sku-2\"}").endsWith("]}}}}");
        assertThat(body.indexOf("sku-1")).isLessThan(body.indexOf("sku-2"));
    }

    @Test
    void aCreateThatFailsIsNeverRetriedWhileAGetIs() {
        transport.reply(503, "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}");
        transport.always(200, RUNNING);
        assertThatThrownBy(() -> port.submit("once", "gemini-2.5-flash-image", List.of(request("k")), BatchSubmitOptions.defaults()))
                .isInstanceOf(ServerErrorException.class);
        assertThat(transport.requests).hasSize(1);

        transport.requests.clear();
        transport.reply(503, "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}");
        assertThat(port.get("batches/1234567890").state()).isEqualTo(BatchState.RUNNING);
        assertThat(transport.requests).hasSize(2);
    }

    @Test
    void aFileJobUploadsItsInputThroughTheSameClientsFilesViewAndTransport() {
        transport.reply(400, "{\"error\":{\"code\":400,\"message\":\"bad upload\",\"status\":\"INVALID_ARGUMENT\"}}");
        assertThatThrownBy(() -> port.submit("big", "gemini-2.5-flash-image", List.of(request("k")),
                BatchSubmitOptions.via(BatchInputMode.FILE))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("bad upload");
        assertThat(transport.requests).hasSize(1);
        assertThat(transport.lastRequest().request().uri().getPath()).isEqualTo("/upload/v1beta/files");
    }

    @Test
    void anAwaitAsyncWaitsOnATimerNotAThreadAndCancellingItCancelsTheWait() throws Exception {
        transport.always(200, RUNNING);
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<CompletableFuture<Void>> pause = new AtomicReference<>();
        Sleeper timerOnly = timerOnly(duration -> {
            CompletableFuture<Void> wait = new CompletableFuture<>();
            pause.set(wait);
            waiting.countDown();
            return wait;
        });
        try (HttpGeminiClient polling = HttpGeminiClient.builder(transport, ApiKey.of("AIzaTEST-key-0123456789"))
                .sleeper(timerOnly).build()) {
            var future = polling.batches().awaitAsync("batches/1234567890", Duration.ofHours(1), j -> { });
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            future.cancel(true);
            assertThat(future).isCancelled();
            // The wait is cancelled by the poller's thread, possibly a moment later: wait for it, bounded.
            pause.get().handle((ignored, failure) -> failure).get(10, TimeUnit.SECONDS);
            assertThat(pause.get()).isCancelled();
        }
    }

    @Test
    void theBatchPollCapSetOnTheClientBoundsTheWaitBetweenPolls() throws Exception {
        transport.always(200, RUNNING);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Sleeper recording = timerOnly(duration -> {
            waits.add(duration);
            return waits.size() < 4 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        });
        try (HttpGeminiClient polling = HttpGeminiClient.builder(transport, ApiKey.of("AIzaTEST-key-0123456789"))
                .sleeper(recording).maxBatchPollInterval(Duration.ofMillis(250)).build()) {
            var future = polling.batches().awaitAsync("batches/1234567890", Duration.ofHours(1), j -> { });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (waits.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            future.cancel(true);
        }
        assertThat(waits).hasSizeGreaterThanOrEqualTo(4).allSatisfy(w -> assertThat(w).isEqualTo(Duration.ofMillis(250)));
    }

    private static KeyedRequest request(String key) {
        return KeyedRequest.of(key, GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("a bottle " + key).build());
    }

    /** A sleeper for async waits only: its timer waits are {@code after}'s futures, a wait on a thread fails the test. */
    private static Sleeper timerOnly(Function<Duration, CompletableFuture<Void>> after) {
        return new Sleeper() {
            @Override
            public void sleep(Duration duration) {
                throw new AssertionError("an async await must not sleep on a thread");
            }

            @Override
            public CompletableFuture<Void> after(Duration duration, ScheduledExecutorService timer) {
                return after.apply(duration);
            }
        };
    }
}
