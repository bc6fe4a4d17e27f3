package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.ImageGenerationPortContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The fake passes the port contract every transport passes. */
class FakeImageGenerationContractTest extends ImageGenerationPortContract {

    private static final Map<Class<? extends ImageGenerationException>, FakeResponse> FAILURES = Map.of(
            InvalidRequestException.class, FakeResponse.invalidRequest("Invalid JSON payload received."),
            AuthenticationException.class, FakeResponse.authenticationFailed(),
            PermissionDeniedException.class, FakeResponse.permissionDenied(),
            NotFoundException.class, FakeResponse.modelNotFound(),
            RateLimitedException.class, FakeResponse.rateLimited(Duration.ofSeconds(30)),
            ServerErrorException.class, FakeResponse.serverError(),
            GenerationTimeoutException.class, FakeResponse.timeout(),
            TransportException.class, FakeResponse.transportFailure(),
            MalformedResponseException.class, FakeResponse.malformedResponse(),
            ResponseTooLargeException.class, FakeResponse.responseTooLarge());

    @Override
    protected PortFixture createFixture() {
        return new PortFixture() {
            private final List<FakeImageGeneration> made = new ArrayList<>();

            @Override
            public ImageGenerationPort portReturning(Outcome outcome) {
                switch (outcome) {
                    case IMAGE:
                        return make(FakeResponse.generatedImage());
                    case TEXT_ONLY:
                        return make(FakeResponse.textOnly("A red bicycle stands against a wall."));
                    case PROMPT_BLOCKED:
                        return make(FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT));
                    case CANDIDATE_BLOCKED:
                        return make(FakeResponse.imageSafety());
                    case INCOMPLETE:
                        // More pieces than the fake continues: the call stops at its bound, still incomplete.
                        return make(FakeResponse.continuation(1000, FakeResponse.generatedImage()));
                    default:
                        return make(FakeResponse.noImage());
                }
            }

            @Override
            public ImageGenerationPort portFailingWith(Class<? extends ImageGenerationException> type) {
                FakeResponse failure = FAILURES.get(type);
                if (failure == null) {
                    throw new IllegalArgumentException("no scripted failure for " + type);
                }
                return make(failure);
            }

            private final AtomicInteger answered = new AtomicInteger();

            @Override
            public ImageGenerationPort portAnsweringAfter(Duration delay) {
                return make(FakeResponse.answer(r -> {
                    answered.incrementAndGet();
                    return new GenerationResult(List.of(), Optional.empty(), Usage.NONE, Optional.empty(),
                            Optional.empty());
                }).after(delay));
            }

            @Override
            public synchronized boolean awaitAnsweringCallsArrived(int count, Duration timeout) {
                // The fake records a request before it schedules the answer: it has arrived once generateAsync returned.
                return made.stream().mapToInt(FakeImageGeneration::requestCount).sum() >= count;
            }

            /**
             * In process a call has no exchange to abort: it must not have been answered. That its
             * delayed answer is never computed at all is FakeScriptingTest's to show, on a short delay.
             */
            @Override
            public boolean awaitAnsweringCallsAborted(Duration timeout) {
                return answered.get() == 0;
            }

            private synchronized FakeImageGeneration make(FakeResponse response) {
                FakeImageGeneration fake = FakeImageGeneration.builder().defaultResponse(response).build();
                made.add(fake);
                return fake;
            }

            @Override
            public synchronized void close() {
                made.forEach(FakeImageGeneration::close);
            }
        };
    }
}
