package io.github.geminiimage.domain;

/** The connection failed (refused, reset, closed early, malformed HTTP) after every retry. */
public final class TransportException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public TransportException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public TransportException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
