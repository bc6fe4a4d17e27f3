package io.github.geminiimage.domain.error;

/** The reply was larger than the configured cap; it was stopped while reading, never truncated. */
public final class ResponseTooLargeException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public ResponseTooLargeException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public ResponseTooLargeException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
