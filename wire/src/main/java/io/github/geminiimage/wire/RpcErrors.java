package io.github.geminiimage.wire;

import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.domain.error.ServerErrorException;
import java.util.Optional;

/**
 * Turns the {@code google.rpc.Status} of a failed batch request into the exception a
 * {@code generate} call would have thrown for the same failure, and back: the gRPC code picks the
 * type and the HTTP status it stands for (3, 9, 11 are 400; 16 is 401; 7 is 403; 5 is 404; 8 is 429;
 * 4 is 504; 14 is 503; anything else, 1 (cancelled) included, a 500). Stateless.
 */
public final class RpcErrors {

    private static final String[] WORDS = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

    private RpcErrors() {
    }

    /**
     * The exception for request {@code key}'s status. The message names the key, the status word
     * and the server's message; {@link ImageGenerationException#details()} carry the HTTP status the
     * code stands for, the word and the message, with one attempt.
     */
    public static ImageGenerationException toException(String key, RpcStatus status) {
        String word = status.status().orElseGet(() -> word(status.code()));
        int http = httpStatus(status.code());
        ErrorDetails details = new ErrorDetails(http, Optional.of(word), Optional.of(status.message()), 1, Optional.empty());
        String message = "batch request " + key + " failed: " + word + " (" + status.code() + "): " + status.message();
        switch (status.code()) {
            case 3: case 9: case 11:
                return new InvalidRequestException(message, details);
            case 16:
                return new AuthenticationException(message, details);
            case 7:
                return new PermissionDeniedException(message, details);
            case 5:
                return new NotFoundException(message, details);
            case 8:
                return new RateLimitedException(message, details, Optional.empty(), QuotaScope.UNKNOWN);
            case 4:
                return new GenerationTimeoutException(message, details);
            default:
                return new ServerErrorException(message, details);
        }
    }

    /** The status a batch result line carries for {@code failure}: the reverse of {@link #toException}. */
    public static RpcStatus toStatus(ImageGenerationException failure) {
        int code = rpcCode(failure);
        String message = failure.serverMessage().orElse(failure.getMessage());
        return new RpcStatus(code, message, Optional.of(failure.serverStatus().orElse(word(code))));
    }

    /** The status word of a {@code google.rpc.Code} number ({@code INTERNAL} for 13), {@code UNKNOWN} for one not known. */
    public static String word(int code) {
        return code >= 0 && code < WORDS.length ? WORDS[code] : "UNKNOWN";
    }

    private static int httpStatus(int code) {
        switch (code) {
            case 3: case 9: case 11: return 400;
            case 16: return 401;
            case 7: return 403;
            case 5: return 404;
            case 8: return 429;
            case 4: return 504;
            case 14: return 503;
            default: return 500;
        }
    }

    private static int rpcCode(ImageGenerationException failure) {
        if (failure instanceof InvalidRequestException) {
            return 3;
        } else if (failure instanceof AuthenticationException) {
            return 16;
        } else if (failure instanceof PermissionDeniedException) {
            return 7;
        } else if (failure instanceof NotFoundException) {
            return 5;
        } else if (failure instanceof RateLimitedException) {
            return 8;
        } else if (failure instanceof GenerationTimeoutException) {
            return 4;
        }
        return 13;
    }
}
