package io.github.geminiimage.domain.error;

/** HTTP 403: the key is valid but may not use this model or API (or billing is required). */
public final class PermissionDeniedException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public PermissionDeniedException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public PermissionDeniedException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
