package io.github.geminiimage.http.internal.error;

import java.io.IOException;

/**
 * The request body itself failed while being written (e.g. an image file changed since the
 * request was built), as opposed to the connection it was written to. Never retried.
 */
public final class RequestBodyException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Wraps the body's own failure. */
    public RequestBodyException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
