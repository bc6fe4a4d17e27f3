package io.github.geminiimage.domain.error;

/** The reply was not a valid {@code GenerateContentResponse}: not JSON, truncated, bad base64, nested too deep. The message names the candidate and part where it applies. */
public final class MalformedResponseException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public MalformedResponseException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public MalformedResponseException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
