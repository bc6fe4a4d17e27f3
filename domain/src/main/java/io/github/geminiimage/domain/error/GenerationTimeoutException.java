package io.github.geminiimage.domain.error;

/** The overall deadline, the connect timeout or the inactivity timeout was reached. */
public final class GenerationTimeoutException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public GenerationTimeoutException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public GenerationTimeoutException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
