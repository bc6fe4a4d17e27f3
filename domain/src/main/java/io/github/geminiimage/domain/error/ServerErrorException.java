package io.github.geminiimage.domain.error;

/** HTTP 5xx (or 408) after every retry: the service failed; a later retry may succeed. */
public final class ServerErrorException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public ServerErrorException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public ServerErrorException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
