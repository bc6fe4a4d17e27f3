package io.github.geminiimage.domain.error;

import io.github.geminiimage.domain.ImageModel;

/** HTTP 404: the model id is unknown or retired (see {@link ImageModel#replacedBy()}). */
public final class NotFoundException extends ImageGenerationException {

    /** Creates the exception with what is known of the failed call. */
    public NotFoundException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Creates the exception with what is known of the failed call. */
    public NotFoundException(String message, ErrorDetails details) {
        super(message, details, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
