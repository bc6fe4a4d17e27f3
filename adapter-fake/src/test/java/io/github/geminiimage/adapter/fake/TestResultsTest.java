package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.TestImages;
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
import io.github.geminiimage.port.ImageGenerationPort;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TestResultsTest {

    private static final GenerationRequest CAT = GenerationRequest.builder().prompt("A cat").build();

    @Test
    void stubbingASuccessfulGenerateWithMockitoIsOneLine() {
        ImageGenerationPort images = mock(ImageGenerationPort.class);
        when(images.generate(any())).thenReturn(TestResults.withImage());

        GenerationResult result = images.generate(CAT);

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.requireImage().mimeType()).isEqualTo("image/png");
        assertThat(result.requireImage().pixelSize()).contains(new PixelSize(1024, 1024));
        assertThat(result.usage().totalTokens()).isPositive();
    }

    @Test
    void stubbingAFailureWithMockitoIsOneLineToo() {
        ImageGenerationPort images = mock(ImageGenerationPort.class);
        when(images.generate(any())).thenThrow(TestResults.rateLimited(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> images.generate(CAT)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryDelay()).contains(Duration.ofSeconds(30));
            assertThat(e.quotaScope()).isEqualTo(QuotaScope.PER_MINUTE);
            assertThat(e.httpStatus()).hasValue(429);
        });
    }

    @Test
    void aResultForARequestHasTheModelsFormatAndPixelSize() {
        GenerationRequest wide = GenerationRequest.builder().model("gemini-3-pro-image").prompt("A lighthouse")
                .aspectRatio(AspectRatio.parse("16:9")).build();

        GenerationResult result = TestResults.withImage(wide);

        assertThat(result.requireImage().mimeType()).isEqualTo("image/jpeg");
        assertThat(result.requireImage().pixelSize()).contains(new PixelSize(1376, 768));
    }

    @Test
    void givenBytesAreTheImage() {
        byte[] png = TestImages.png(3, 2);

        assertThat(TestResults.withImage(png).requireImage().bytes()).isEqualTo(png);
    }

    @Test
    void resultsWithoutImageSayWhyAndRequireImageThrows() {
        assertThat(TestResults.textOnly("no picture").text()).isEqualTo("no picture");
        assertThat(TestResults.textOnly("no picture").outcome()).isEqualTo(Outcome.TEXT_ONLY);
        assertThat(TestResults.promptBlocked(BlockReason.SAFETY).outcome()).isEqualTo(Outcome.PROMPT_BLOCKED);
        assertThat(TestResults.imageSafety().outcome()).isEqualTo(Outcome.CANDIDATE_BLOCKED);
        assertThat(TestResults.noImage().outcome()).isEqualTo(Outcome.NO_IMAGE);
        for (GenerationResult imageless : List.of(TestResults.textOnly("t"), TestResults.promptBlocked(BlockReason.OTHER),
                TestResults.imageSafety(), TestResults.noImage())) {
            assertThatThrownBy(imageless::requireImage).isInstanceOf(NoImageException.class);
        }
    }

    private record Failure(Supplier<ImageGenerationException> make, Class<?> type, int status) {
    }

    @Test
    void everyTypedFailureHasItsTypeAndStatusAndIsMadeAfreshEachTime() {
        List<Failure> failures = List.of(
                new Failure(TestResults::dailyQuotaExhausted, RateLimitedException.class, 429),
                new Failure(TestResults::serverError, ServerErrorException.class, 503),
                new Failure(TestResults::timeout, GenerationTimeoutException.class, 0),
                new Failure(TestResults::transportFailure, TransportException.class, 0),
                new Failure(TestResults::authenticationFailed, AuthenticationException.class, 400),
                new Failure(TestResults::permissionDenied, PermissionDeniedException.class, 403),
                new Failure(TestResults::modelNotFound, NotFoundException.class, 404),
                new Failure(() -> TestResults.invalidRequest("bad ratio"), InvalidRequestException.class, 400),
                new Failure(TestResults::malformedResponse, MalformedResponseException.class, 200),
                new Failure(TestResults::responseTooLarge, ResponseTooLargeException.class, 200));
        for (Failure failure : failures) {
            ImageGenerationException e = failure.make().get();
            assertThat(e).isInstanceOf(failure.type());
            assertThat(e.httpStatus()).as(failure.type().getSimpleName())
                    .isEqualTo(failure.status() == 0 ? OptionalInt.empty() : OptionalInt.of(failure.status()));
            assertThat(failure.make().get()).isNotSameAs(e);
        }
    }

    @Test
    void theFakeThrowsTheSameFailuresItsScriptsName() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            fake.enqueue(FakeResponse.serverError());
            assertThatThrownBy(() -> fake.generate(CAT)).isInstanceOf(ServerErrorException.class)
                    .hasMessage(TestResults.serverError().getMessage());
        }
    }
}
