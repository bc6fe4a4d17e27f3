package io.github.geminiimage.http.internal.error;

import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;

/** Rebuilds domain exceptions with other details (the domain types are immutable). */
public final class Exceptions {

    private Exceptions() {
    }

    /**
     * The same exception with another attempt count: same type, message, cause and extra fields
     * (an {@link InvalidRequestException} loses its field and cause, which its constructor for
     * server refusals does not take); a {@link NoImageException} is returned as is (it never comes from a transport).
     */
    public static ImageGenerationException withAttempts(ImageGenerationException e, int attempts) {
        if (e.attempts() == attempts) {
            return e;
        }
        return withDetails(e, e.details().withAttempts(attempts), e.getMessage());
    }

    /**
     * The same exception with the secret removed from its message and body excerpt, and another
     * attempt count: the decoder quotes the reply, which a hostile or echoing server may fill with the key.
     */
    public static ImageGenerationException redacted(ImageGenerationException e, Redactor redactor, int attempts) {
        ErrorDetails d = e.details();
        ErrorDetails clean = new ErrorDetails(d.httpStatus(), d.serverStatus().map(redactor::redact),
                d.serverMessage().map(redactor::redact), attempts, d.bodyExcerpt().map(redactor::excerpt));
        String message = e.getMessage() == null ? null : redactor.redact(e.getMessage());
        if (clean.equals(d) && java.util.Objects.equals(message, e.getMessage())) {
            return e;
        }
        return withDetails(e, clean, message);
    }

    /** The same exception with another message (e.g. a hint appended); same type, details and cause. */
    public static ImageGenerationException withMessage(ImageGenerationException e, String message) {
        return withDetails(e, e.details(), message);
    }

    private static ImageGenerationException withDetails(ImageGenerationException e, ErrorDetails d, String message) {
        Throwable cause = e.getCause();
        ImageGenerationException copy;
        if (e instanceof InvalidRequestException) {
            // This constructor takes no cause; the message already says what went wrong.
            copy = new InvalidRequestException(message, d);
        } else if (e instanceof AuthenticationException) {
            copy = new AuthenticationException(message, d, cause);
        } else if (e instanceof PermissionDeniedException) {
            copy = new PermissionDeniedException(message, d, cause);
        } else if (e instanceof NotFoundException) {
            copy = new NotFoundException(message, d, cause);
        } else if (e instanceof RateLimitedException r) {
            copy = new RateLimitedException(message, d, r.retryDelay(), r.quotaScope());
        } else if (e instanceof ServerErrorException) {
            copy = new ServerErrorException(message, d, cause);
        } else if (e instanceof GenerationTimeoutException) {
            copy = new GenerationTimeoutException(message, d, cause);
        } else if (e instanceof TransportException t) {
            copy = new TransportException(message, d, cause, t.isRetryable());
        } else if (e instanceof MalformedResponseException) {
            copy = new MalformedResponseException(message, d, cause);
        } else if (e instanceof ResponseTooLargeException) {
            copy = new ResponseTooLargeException(message, d, cause);
        } else {
            return e;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            copy.addSuppressed(suppressed);
        }
        return copy;
    }
}
