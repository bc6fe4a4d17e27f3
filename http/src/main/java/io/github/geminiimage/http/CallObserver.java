package io.github.geminiimage.http;

import io.github.geminiimage.domain.Usage;
import java.time.Duration;

/**
 * A hook for users' metrics and logs: told when each attempt starts, when a retry is scheduled and
 * when a call completes. Called on the thread doing the work; must be quick and must not throw
 * (anything it throws is ignored). Never receives the key or a payload. All methods default to
 * doing nothing.
 */
public interface CallObserver {

    /** Does nothing. */
    CallObserver NONE = new CallObserver() { };

    /** Attempt {@code attempt} (1-based) of a call to {@code modelId} starts. */
    default void attemptStarted(String modelId, int attempt) {
    }

    /**
     * A retry is scheduled after {@code delay}, because of {@code cause} (the error of the failed attempt).
     */
    default void retryScheduled(String modelId, int nextAttempt, Duration delay, Throwable cause) {
    }

    /**
     * A call ended after {@code attempts} attempts.
     *
     * @param httpStatus the last HTTP status, or 0 when no reply arrived
     * @param bytesSent request bytes sent over all attempts
     * @param bytesReceived reply bytes read over all attempts
     * @param duration from the call's start to its end
     * @param usage token usage of a successful call, {@link Usage#NONE} otherwise
     * @param failure the failure, or {@code null} on success
     */
    default void callCompleted(String modelId, int attempts, int httpStatus, long bytesSent, long bytesReceived,
            Duration duration, Usage usage, Throwable failure) {
    }
}
