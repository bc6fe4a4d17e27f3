package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scripted outcomes, delays, cancellation, closing, recording and thread safety. */
class FakeScriptingTest {

    private static final GenerationRequest CAT = GenerationRequest.builder().prompt("A cat").build();

    private final FakeImageGeneration fake = FakeImageGeneration.create();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void queuedAnswersComeFirstInOrderThenTheRulesThenTheDrawnImage() {
        fake.when(r -> r.prompt().orElse("").contains("forbidden"), FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT));
        fake.enqueue(FakeResponse.textOnly("first"), FakeResponse.noImage());

        GenerationRequest forbidden = GenerationRequest.builder().prompt("Something forbidden").build();
        assertThat(fake.generate(forbidden).outcome()).isEqualTo(Outcome.TEXT_ONLY);
        assertThat(fake.generate(CAT).outcome()).isEqualTo(Outcome.NO_IMAGE);
        assertThat(fake.generate(forbidden).outcome()).isEqualTo(Outcome.PROMPT_BLOCKED);
        assertThat(fake.generate(CAT).outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(fake.queuedResponses()).isZero();
    }

    @Test
    void aQueuedAnswerWinsOverAMatchingRuleWhicheverWasAddedFirst() {
        GenerationRequest forbidden = GenerationRequest.builder().prompt("Something forbidden").build();
        fake.enqueue(FakeResponse.textOnly("queued"));
        fake.when(r -> r.prompt().orElse("").contains("forbidden"), FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT));

        assertThat(fake.generate(forbidden).text()).isEqualTo("queued");
        assertThat(fake.generate(forbidden).outcome()).isEqualTo(Outcome.PROMPT_BLOCKED);
    }

    @Test
    void aSuppliedImageIsAnsweredAsItIsWithTheUsualTextAndUsage() {
        byte[] png = TestImages.png(8, 6);
        fake.enqueue(FakeResponse.image(png));

        GenerationResult result = fake.generate(CAT);

        assertThat(result.requireImage().bytes()).isEqualTo(png);
        assertThat(result.text()).isNotBlank();
        assertThat(result.usage().candidatesTokens()).isGreaterThan(1290);
    }

    @Test
    void bytesThatAreNoImageAreRefusedWhenScripted() {
        assertThatThrownBy(() -> FakeResponse.image(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void imagelessOutcomesLookLikeTheRealReplies() {
        fake.enqueue(FakeResponse.promptBlocked(BlockReason.SAFETY), FakeResponse.imageSafety(), FakeResponse.noImage(),
                FakeResponse.textOnly("I can only describe it."));

        GenerationResult blocked = fake.generate(CAT);
        GenerationResult unsafe = fake.generate(CAT);
        GenerationResult none = fake.generate(CAT);
        GenerationResult text = fake.generate(CAT);

        assertThat(blocked.candidates()).isEmpty();
        assertThat(blocked.blockReason()).contains(BlockReason.SAFETY);
        assertThat(blocked.usage().candidatesTokens()).isZero();
        assertThat(blocked.usage().promptTokens()).isPositive();
        assertThat(unsafe.outcome()).isEqualTo(Outcome.CANDIDATE_BLOCKED);
        assertThat(unsafe.finishReason()).contains(FinishReason.IMAGE_SAFETY);
        assertThat(none.finishReason()).contains(FinishReason.NO_IMAGE);
        assertThat(text.text()).isEqualTo("I can only describe it.");
        assertThatThrownBy(unsafe::requireImage).isInstanceOfSatisfying(NoImageException.class,
                e -> assertThat(e.outcome()).isEqualTo(Outcome.CANDIDATE_BLOCKED));
    }

    @Test
    void aGivenResultIsReturnedAsItIsAndAComputedOneSeesTheRequest() {
        GenerationResult fixed = new GenerationResult(List.of(), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
        fake.enqueue(FakeResponse.result(fixed), FakeResponse.answer(r -> new GenerationResult(List.of(),
                Optional.empty(), Usage.NONE, Optional.of(r.prompt().orElse("")), Optional.empty())));

        assertThat(fake.generate(CAT)).isSameAs(fixed);
        assertThat(fake.generate(CAT).modelVersion()).contains("A cat");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(FakeResponse.rateLimited(Duration.ofSeconds(34)), RateLimitedException.class, 429),
                Arguments.of(FakeResponse.dailyQuotaExhausted(), RateLimitedException.class, 429),
                Arguments.of(FakeResponse.serverError(), ServerErrorException.class, 503),
                Arguments.of(FakeResponse.timeout(), GenerationTimeoutException.class, 0),
                Arguments.of(FakeResponse.transportFailure(), TransportException.class, 0),
                Arguments.of(FakeResponse.authenticationFailed(), AuthenticationException.class, 400),
                Arguments.of(FakeResponse.permissionDenied(), PermissionDeniedException.class, 403),
                Arguments.of(FakeResponse.modelNotFound(), NotFoundException.class, 404),
                Arguments.of(FakeResponse.invalidRequest("Unknown name \"x\""), InvalidRequestException.class, 400),
                Arguments.of(FakeResponse.malformedResponse(), MalformedResponseException.class, 200),
                Arguments.of(FakeResponse.responseTooLarge(), ResponseTooLargeException.class, 200));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failures")
    void scriptedFailuresAreThrownSyncAndAsync(FakeResponse failure, Class<? extends ImageGenerationException> type, int status) {
        fake.enqueue(failure, failure);

        assertThatThrownBy(() -> fake.generate(CAT)).isInstanceOfSatisfying(type, e -> {
            assertThat(e.httpStatus().orElse(0)).isEqualTo(status);
            assertThat(e.attempts()).isEqualTo(1);
        });
        CompletableFuture<GenerationResult> future = fake.generateAsync(CAT);
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(type);
    }

    @Test
    void aRateLimitCarriesTheRetryDelayAndADailyQuotaIsNotRetryable() {
        fake.enqueue(FakeResponse.rateLimited(Duration.ofMillis(34_400)), FakeResponse.dailyQuotaExhausted());

        assertThatThrownBy(() -> fake.generate(CAT)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryDelay()).contains(Duration.ofMillis(34_400));
            assertThat(e.isRetryable()).isTrue();
        });
        assertThatThrownBy(() -> fake.generate(CAT)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.quotaScope()).isEqualTo(QuotaScope.PER_DAY);
            assertThat(e.isRetryable()).isFalse();
        });
    }

    @Test
    void aFailureSupplierMakesAFreshExceptionForEveryCall() {
        FakeResponse failure = FakeResponse.serverError();
        fake.when(r -> true, failure);

        Throwable first = catchFailure(() -> fake.generate(CAT));
        Throwable second = catchFailure(() -> fake.generate(CAT));

        assertThat(first).isNotSameAs(second).isInstanceOf(ServerErrorException.class);
    }

    @Test
    void anInvalidRequestFailsBeforeUsingAQueuedAnswer() {
        fake.enqueue(FakeResponse.textOnly("kept"));
        GenerationRequest retired = GenerationRequest.builder().model("gemini-2.5-flash-image-preview").prompt("x").build();

        assertThatThrownBy(() -> fake.generate(retired)).isInstanceOf(NotFoundException.class);
        assertThat(fake.generate(CAT).text()).isEqualTo("kept");
    }

    @Test
    void aScriptedDelayIsWaitedThenAnswered() throws Exception {
        fake.enqueue(FakeResponse.textOnly("late").after(Duration.ofMillis(20)),
                FakeResponse.textOnly("late async").after(Duration.ofMillis(20)));

        assertThat(fake.generate(CAT).text()).isEqualTo("late");
        assertThat(fake.generateAsync(CAT).get(10, TimeUnit.SECONDS).text()).isEqualTo("late async");
    }

    @Test
    void cancellingAnAsyncCallDuringItsDelayMeansItsAnswerIsNeverComputed() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        // A delay wide enough for a loaded machine to cancel within it; the elapsed time below says whether it did.
        Duration delay = Duration.ofMillis(800);
        fake.enqueue(FakeResponse.answer(r -> {
            computed.incrementAndGet();
            throw new AssertionError("a cancelled call must not be answered");
        }).after(delay), FakeResponse.textOnly("later").after(delay.plusMillis(100)));

        long start = System.nanoTime();
        CompletableFuture<GenerationResult> cancelled = fake.generateAsync(CAT);
        CompletableFuture<GenerationResult> later = fake.generateAsync(CAT);
        boolean cancelledInTime = cancelled.cancel(true);
        long elapsed = System.nanoTime() - start;
        // Not a timing assertion: a cancel that came after the delay proves nothing either way, so the run is void.
        assumeTrue(elapsed < delay.toNanos(), "the cancel came " + Duration.ofNanos(elapsed) + " after the call, past its delay");
        assertThat(cancelledInTime).isTrue();

        // The delay timer runs its tasks in time order: once the later call is answered, the
        // cancelled one's moment has passed too, so it would have run had it not been cancelled.
        assertThat(later.get(10, TimeUnit.SECONDS).text()).isEqualTo("later");
        assertThat(computed).hasValue(0);
        assertThatThrownBy(cancelled::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void closingEndsACallBlockedInADelayAndLaterCallsFailAtOnce() throws Exception {
        fake.enqueue(FakeResponse.generatedImage().after(Duration.ofHours(1)), FakeResponse.generatedImage().after(Duration.ofHours(1)));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> failure.set(catchFailure(() -> fake.generate(CAT))));
        caller.setDaemon(true);
        caller.start();
        CompletableFuture<GenerationResult> async = fake.generateAsync(CAT);
        awaitRequestCount(2);

        fake.close();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(TransportException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> async.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> fake.generate(CAT)).isInstanceOf(TransportException.class);
        assertThat(fake.generateAsync(CAT)).isCompletedExceptionally();
        fake.close();
    }

    @Test
    void interruptingACallBlockedInADelayEndsItAndKeepsTheInterruptFlag() throws Exception {
        fake.enqueue(FakeResponse.generatedImage().after(Duration.ofHours(1)));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            failure.set(catchFailure(() -> fake.generate(CAT)));
            flag.set(Thread.currentThread().isInterrupted());
        });
        caller.setDaemon(true);
        caller.start();
        awaitRequestCount(1);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).as("the interrupted call returned").isFalse();
        assertThat(failure.get()).isInstanceOf(TransportException.class).hasMessageContaining("interrupted");
        assertThat(flag.get()).isTrue();
    }

    @Test
    void aLentExecutorRunsTheAsyncCallsAndIsLeftRunningOnClose() throws Exception {
        ExecutorService lent = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<String> thread = new AtomicReference<>();
            FakeImageGeneration withExecutor = FakeImageGeneration.builder().executor(lent)
                    .defaultResponse(FakeResponse.answer(r -> {
                        thread.set(Thread.currentThread().getName());
                        return new GenerationResult(List.of(), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
                    })).build();
            Future<String> lentThread = lent.submit(() -> Thread.currentThread().getName());

            withExecutor.generateAsync(CAT).get(10, TimeUnit.SECONDS);
            withExecutor.close();

            assertThat(thread.get()).isEqualTo(lentThread.get());
            assertThat(lent.isShutdown()).isFalse();
        } finally {
            lent.shutdownNow();
        }
    }

    @Test
    void everyRequestIsRecordedAndCanBeAssertedOn() {
        byte[] png = TestImages.png(10, 10);
        fake.enqueue(FakeResponse.serverError());
        GenerationRequest edit = GenerationRequest.builder().model("gemini-3-pro-image").prompt("Add a hat")
                .addImage(ImageInput.ofBytes(png)).aspectRatio(AspectRatio.RATIO_16_9).imageSize(ImageSize.SIZE_2K).build();

        catchFailure(() -> fake.generate(CAT));
        fake.generate(edit);

        assertThat(fake.requests()).containsExactly(CAT, edit);
        fake.assertRequestCount(2);
        fake.assertRequest(0).hasPrompt("A cat").hasImageCount(0).hasNoAspectRatio().hasNoImageSize();
        fake.assertLastRequest().hasModel("gemini-3-pro-image").hasPromptContaining("hat").hasImageCount(1)
                .hasImageTypes(MediaType.PNG).hasImage(0, png).hasAspectRatio(AspectRatio.RATIO_16_9)
                .hasImageSize(ImageSize.SIZE_2K).hasHistoryTurns(0);
        assertThatThrownBy(() -> fake.assertRequestCount(3)).isInstanceOf(AssertionError.class)
                .hasMessage("expected 3 request(s) to the fake but it received 2");
        assertThatThrownBy(() -> fake.assertLastRequest().hasPrompt("A dog")).isInstanceOf(AssertionError.class)
                .hasMessage("the last request: expected prompt \"A dog\" but was prompt \"Add a hat\"");
        assertThatThrownBy(() -> fake.assertRequest(5)).isInstanceOf(AssertionError.class);

        fake.reset();
        assertThat(fake.requests()).isEmpty();
        assertThat(fake.lastRequest()).isEmpty();
    }

    @Test
    void concurrentCallsUseEachQueuedAnswerExactlyOnce() throws Exception {
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            fake.enqueue(FakeResponse.textOnly("answer " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                boolean async = i % 2 == 0;
                texts.add(pool.submit(() -> async ? fake.generateAsync(CAT).get().text() : fake.generate(CAT).text()));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> text : texts) {
                seen.add(text.get(30, TimeUnit.SECONDS));
            }
            assertThat(seen).hasSize(calls);
            assertThat(fake.requestCount()).isEqualTo(calls);
            assertThat(fake.queuedResponses()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Waits (bounded, failing after 30 s) until the fake has received {@code n} requests. */
    private void awaitRequestCount(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fake.requestCount() < n) {
            if (System.nanoTime() > until) {
                fail("the fake received " + fake.requestCount() + " of " + n + " requests within 30 s");
            }
            Thread.sleep(1);
        }
    }
}
