package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.Replies;
import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ready-made results and failures of {@code generate}, for tests that mock the port (Mockito and
 * the like) instead of using {@link FakeImageGeneration}: each is what a real call returns or
 * throws, built the way the fake builds its answers, so stubbing is one line.
 *
 * <pre>{@code
 * when(images.generate(any())).thenReturn(TestResults.withImage());
 * when(images.generate(any())).thenThrow(TestResults.rateLimited(Duration.ofSeconds(30)));
 * }</pre>
 *
 * Results are immutable and may be shared; each failure method makes a new exception.
 */
public final class TestResults {

    /** The request the results without one answer: {@code gemini-2.5-flash-image}, one prompt. */
    private static final GenerationRequest SOME_REQUEST = GenerationRequest.builder().prompt("a test picture").build();

    private TestResults() {
    }

    /**
     * A successful result with a real PNG (1024x1024, drawn as the fake draws it), a short text
     * part, finish reason {@code STOP} and usage: {@code requireImage()} returns the image.
     */
    public static GenerationResult withImage() {
        return answer(FakeResponse.generatedImage(), SOME_REQUEST);
    }

    /**
     * The successful result the fake gives {@code request}: an image drawn in the model's format
     * and at its pixel size for the ratio and size asked.
     *
     * @param request the request the result answers (not validated: a mock accepts anything)
     * @return the result
     */
    public static GenerationResult withImage(GenerationRequest request) {
        return answer(FakeResponse.generatedImage(), Objects.requireNonNull(request, "request"));
    }

    /**
     * A successful result carrying these PNG, JPEG, WebP, HEIC or HEIF bytes (copied).
     *
     * @param bytes the image
     * @return the result
     * @throws IllegalArgumentException if the bytes are not one of those formats
     */
    public static GenerationResult withImage(byte[] bytes) {
        return answer(FakeResponse.image(bytes), SOME_REQUEST);
    }

    /** The model answered with text only ({@code STOP}, no image): {@code requireImage()} throws {@code NoImageException}. */
    public static GenerationResult textOnly(String text) {
        return answer(FakeResponse.textOnly(text), SOME_REQUEST);
    }

    /** The prompt was blocked ({@code promptFeedback.blockReason}, no candidate). */
    public static GenerationResult promptBlocked(BlockReason reason) {
        return answer(FakeResponse.promptBlocked(reason), SOME_REQUEST);
    }

    /** The image was withheld by the output filter ({@code IMAGE_SAFETY}). */
    public static GenerationResult imageSafety() {
        return answer(FakeResponse.imageSafety(), SOME_REQUEST);
    }

    /** The model made no image ({@code NO_IMAGE}). */
    public static GenerationResult noImage() {
        return answer(FakeResponse.noImage(), SOME_REQUEST);
    }

    /** HTTP 429 {@code RESOURCE_EXHAUSTED} on a per-minute quota, after the port's retries, with the server's delay. */
    public static RateLimitedException rateLimited(Duration retryDelay) {
        Objects.requireNonNull(retryDelay, "retryDelay");
        return new RateLimitedException(
                "HTTP 429 RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan. (retry in "
                        + retryDelay.toMillis() / 1000.0 + " s)",
                details(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan."),
                Optional.of(retryDelay), QuotaScope.PER_MINUTE);
    }

    /** HTTP 429 {@code RESOURCE_EXHAUSTED} on a per-day quota: not worth retrying today. */
    public static RateLimitedException dailyQuotaExhausted() {
        return new RateLimitedException("HTTP 429 RESOURCE_EXHAUSTED: the daily quota of this model is used up",
                details(429, "RESOURCE_EXHAUSTED", "the daily quota of this model is used up"),
                Optional.empty(), QuotaScope.PER_DAY);
    }

    /** HTTP 503 {@code UNAVAILABLE} after the port's retries: the model is overloaded. */
    public static ServerErrorException serverError() {
        return new ServerErrorException("HTTP 503 UNAVAILABLE: The model is overloaded. Please try again later.",
                details(503, "UNAVAILABLE", "The model is overloaded. Please try again later."));
    }

    /** The call's deadline passed before a reply came. */
    public static GenerationTimeoutException timeout() {
        return new GenerationTimeoutException("the call's overall deadline passed before a reply came",
                ErrorDetails.ofAttempts(1));
    }

    /** The connection failed (refused or reset), after the port's retries. */
    public static TransportException transportFailure() {
        return new TransportException("the connection was reset before a reply came", ErrorDetails.ofAttempts(1));
    }

    /** HTTP 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}: the key was refused. */
    public static AuthenticationException authenticationFailed() {
        return new AuthenticationException(
                "HTTP 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key. (API_KEY_INVALID)",
                details(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."));
    }

    /** HTTP 403 {@code PERMISSION_DENIED}: the key may not use this model. */
    public static PermissionDeniedException permissionDenied() {
        return new PermissionDeniedException("HTTP 403 PERMISSION_DENIED: The caller does not have permission",
                details(403, "PERMISSION_DENIED", "The caller does not have permission"));
    }

    /** HTTP 404 {@code NOT_FOUND}: the model id is unknown or retired. */
    public static NotFoundException modelNotFound() {
        return new NotFoundException("HTTP 404 NOT_FOUND: the model is not found for API version v1beta",
                details(404, "NOT_FOUND", "the model is not found for API version v1beta"));
    }

    /** HTTP 400 {@code INVALID_ARGUMENT} with the server's message: the server refused the request. */
    public static InvalidRequestException invalidRequest(String serverMessage) {
        Objects.requireNonNull(serverMessage, "serverMessage");
        return new InvalidRequestException("HTTP 400 INVALID_ARGUMENT: " + serverMessage,
                details(400, "INVALID_ARGUMENT", serverMessage));
    }

    /** The reply was not a valid {@code GenerateContentResponse}. */
    public static MalformedResponseException malformedResponse() {
        return new MalformedResponseException("the reply is not valid JSON: it ends inside a string",
                new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, Optional.empty()));
    }

    /** The reply was larger than the configured cap (64 MiB by default). */
    public static ResponseTooLargeException responseTooLarge() {
        return new ResponseTooLargeException("the reply is larger than the cap of 67108864 bytes",
                new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, Optional.empty()));
    }

    private static GenerationResult answer(FakeResponse response, GenerationRequest request) {
        return response.answer(request, List.of(), Replies.fingerprint(request, List.of()));
    }

    private static ErrorDetails details(int status, String word, String message) {
        return new ErrorDetails(status, Optional.of(word), Optional.of(message), 1, Optional.empty());
    }
}
