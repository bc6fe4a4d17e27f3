package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.emulator.EmulatorOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * The fake's answer for each {@link EmulatorOutcome}, and how a failure of the fake goes on the
 * wire: most as Google's error envelope; a transport failure as a dropped connection; a malformed
 * or too-large reply as such a body.
 */
public final class Outcomes {

    /** The retry delay of a {@code rate-limited} outcome given without one (Google's recorded 429). */
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(34_400);

    private Outcomes() {
    }

    /** The fake's scripted answer for an outcome. */
    public static FakeResponse response(EmulatorOutcome outcome) {
        FakeResponse response = switch (outcome.name()) {
            case "image" -> outcome.imageBytes().map(n -> FakeResponse.image(Rules.png(n)))
                    .orElseGet(FakeResponse::generatedImage);
            case "grounded" -> FakeResponse.groundedImage();
            case "text-only" -> FakeResponse.textOnly("I can describe the picture, but I did not draw it this time.");
            case "prompt-blocked" -> FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT);
            case "image-safety" -> FakeResponse.imageSafety();
            case "no-image" -> FakeResponse.noImage();
            case "rate-limited" -> FakeResponse.rateLimited(outcome.retryAfter().orElse(DEFAULT_RETRY_DELAY));
            case "server-error" -> FakeResponse.serverError();
            case "timeout" -> FakeResponse.timeout();
            case "transport-failure" -> FakeResponse.transportFailure();
            case "authentication-failed" -> FakeResponse.authenticationFailed();
            case "permission-denied" -> FakeResponse.permissionDenied();
            case "model-not-found" -> FakeResponse.modelNotFound();
            case "invalid-request" -> FakeResponse.invalidRequest("Invalid JSON payload received.");
            case "malformed-response" -> FakeResponse.malformedResponse();
            case "response-too-large" -> FakeResponse.responseTooLarge();
            case "continuation" -> FakeResponse.continuation(1, FakeResponse.generatedImage());
            default -> throw new IllegalArgumentException("outcome: unknown " + outcome.name());
        };
        return outcome.delay().isZero() ? response : response.after(outcome.delay());
    }

    /** How the emulator answers a failure that is not an error envelope. */
    public enum Special {
        /** Close the connection without a reply. */
        DROP_CONNECTION,
        /** A 200 whose JSON ends in the middle of a string. */
        MALFORMED,
        /** A 200 larger than a client's default 64 MiB cap. */
        TOO_LARGE
    }

    /** The special wire behaviour of a failure, if it is not an error envelope. */
    public static Optional<Special> special(ImageGenerationException failure) {
        if (failure instanceof TransportException) {
            return Optional.of(Special.DROP_CONNECTION);
        }
        if (failure instanceof MalformedResponseException) {
            return Optional.of(Special.MALFORMED);
        }
        if (failure instanceof ResponseTooLargeException) {
            return Optional.of(Special.TOO_LARGE);
        }
        return Optional.empty();
    }

    /** The error envelope Google sends for a failure of the fake. */
    public static ApiError error(ImageGenerationException failure, String model) {
        if (failure instanceof RateLimitedException limited) {
            return ApiError.rateLimited(model, limited.retryDelay());
        }
        if (failure instanceof AuthenticationException) {
            return ApiError.apiKeyInvalid();
        }
        if (failure instanceof GenerationTimeoutException) {
            return ApiError.of(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
        }
        ErrorDetails details = failure.details();
        String message = details.serverMessage().orElse(failure.getMessage());
        if (details.httpStatus() > 0) {
            return ApiError.of(details.httpStatus(), details.serverStatus().orElse(word(details.httpStatus())), message);
        }
        if (failure instanceof InvalidRequestException) {
            return ApiError.invalidArgument(message);
        }
        if (failure instanceof NotFoundException) {
            return ApiError.notFound(message);
        }
        if (failure instanceof PermissionDeniedException) {
            return ApiError.of(403, "PERMISSION_DENIED", message);
        }
        return ApiError.of(500, "INTERNAL", message);
    }

    private static String word(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
