package io.github.geminiimage.domain.error;

/**
 * The exchange failed below HTTP, or could not be made at all. Two kinds, told apart by
 * {@link #isRetryable()}: a broken connection (refused, reset, closed early, malformed HTTP), which
 * the HTTP ports retry and which a later call may well survive; and a failure that retrying cannot
 * fix (an unknown host, a TLS handshake or certificate failure, a redirect that was not followed,
 * an interruption or cancellation, a port that was closed), which is never retried.
 */
public final class TransportException extends ImageGenerationException {

    private final boolean retryable;

    /**
     * Creates the exception with what is known of the failed call.
     *
     * @param retryable whether trying again may succeed (a broken connection), as opposed to a
     *     failure that would only repeat (unknown host, TLS, redirect, interruption, closed port)
     */
    public TransportException(String message, ErrorDetails details, Throwable cause, boolean retryable) {
        super(message, details, cause);
        this.retryable = retryable;
    }

    /** A broken connection (retryable), with what is known of the failed call. */
    public TransportException(String message, ErrorDetails details, Throwable cause) {
        this(message, details, cause, true);
    }

    /** A broken connection (retryable), with what is known of the failed call. */
    public TransportException(String message, ErrorDetails details) {
        this(message, details, null, true);
    }

    /**
     * Whether trying again may succeed: true for a broken connection, false for an unknown host, a
     * TLS failure, a refused redirect, an interruption or a closed port.
     */
    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
