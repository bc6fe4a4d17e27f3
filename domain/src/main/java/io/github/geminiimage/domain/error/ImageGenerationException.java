package io.github.geminiimage.domain.error;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every failure of an image generation call, whatever the transport. Unchecked and
 * sealed: a {@code switch} over its subclasses covers every case. Each carries the HTTP status, the
 * server's status word and message where there were any, the attempt count and a short redacted
 * excerpt of the reply; never the API key.
 */
public abstract sealed class ImageGenerationException extends RuntimeException
        permits InvalidRequestException, AuthenticationException, PermissionDeniedException,
                NotFoundException, RateLimitedException, ServerErrorException, GenerationTimeoutException,
                TransportException, MalformedResponseException, ResponseTooLargeException, NoImageException {

    private final transient ErrorDetails details;

    ImageGenerationException(String message, ErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = Objects.requireNonNull(details, "details");
    }

    /** Everything known about the failed call. */
    public ErrorDetails details() {
        return details;
    }

    /** The HTTP status of the last reply, if one was received. */
    public OptionalInt httpStatus() {
        return details.status();
    }

    /** The server's status word, e.g. {@code RESOURCE_EXHAUSTED}. */
    public Optional<String> serverStatus() {
        return details.serverStatus();
    }

    /** The server's own message. */
    public Optional<String> serverMessage() {
        return details.serverMessage();
    }

    /** How many attempts were made; 0 when the request was refused before sending. */
    public int attempts() {
        return details.attempts();
    }

    /** A short excerpt of the reply body, with secrets removed. */
    public Optional<String> bodyExcerpt() {
        return details.bodyExcerpt();
    }

    /** Whether retrying the same request later may succeed. */
    public abstract boolean isRetryable();
}
