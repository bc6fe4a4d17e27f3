package io.github.geminiimage.domain.error;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is known about a failed call: the HTTP status, the server's status word and message, how
 * many attempts were made and a short excerpt of the reply body. Never holds an API key: whoever
 * builds it redacts the excerpt first. Immutable.
 *
 * @param httpStatus the HTTP status, or 0 when no reply was received
 * @param serverStatus the server's status word (e.g. {@code RESOURCE_EXHAUSTED}), or empty
 * @param serverMessage the server's message, or empty
 * @param attempts how many attempts were made (0 when the request was refused before sending)
 * @param bodyExcerpt a short redacted excerpt of the reply body, or empty
 */
public record ErrorDetails(int httpStatus, Optional<String> serverStatus, Optional<String> serverMessage,
        int attempts, Optional<String> bodyExcerpt) {

    /** Details of a failure before anything was sent. */
    public static final ErrorDetails NONE = new ErrorDetails(0, Optional.empty(), Optional.empty(), 0, Optional.empty());

    /** Checks the values. */
    public ErrorDetails {
        Objects.requireNonNull(serverStatus, "serverStatus");
        Objects.requireNonNull(serverMessage, "serverMessage");
        Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
        if (httpStatus < 0 || attempts < 0) {
            throw new IllegalArgumentException("httpStatus and attempts must not be negative");
        }
    }

    /** Details of a failure after {@code attempts} attempts with no HTTP reply (e.g. a reset connection). */
    public static ErrorDetails ofAttempts(int attempts) {
        return new ErrorDetails(0, Optional.empty(), Optional.empty(), attempts, Optional.empty());
    }

    /** A copy with another attempt count. */
    public ErrorDetails withAttempts(int newAttempts) {
        return new ErrorDetails(httpStatus, serverStatus, serverMessage, newAttempts, bodyExcerpt);
    }

    /** The HTTP status, when a reply was received. */
    public OptionalInt status() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
