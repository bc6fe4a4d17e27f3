package io.github.geminiimage.domain.error;

/** The key was refused: HTTP 401, or a 400 whose reason is {@code API_KEY_INVALID}. Fix the key; do not retry. */
public final class AuthenticationException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public AuthenticationException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public AuthenticationException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
