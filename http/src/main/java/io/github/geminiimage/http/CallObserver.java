package io.github.geminiimage.http;

import io.github.geminiimage.domain.Usage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A hook for users' metrics, logs and traces: told when each attempt of a call starts, when a retry
 * is scheduled and when a call completes, each time with one event value (fields may be added to
 * an event later without breaking an implementor). Called on the thread doing the work; must be
 * quick and must not throw (anything it throws is ignored). Never receives the key, a token, a
 * prompt or a payload. All methods default to doing nothing.
 *
 * <p>Every event names its call by a {@code callId}: the same on the {@link AttemptStarted},
 * {@link RetryScheduled} and {@link CallCompleted} events of one call, different for every call of
 * every port in the JVM (a counter, never reused while the JVM runs), so one observer may be shared
 * by several ports and may keep per-call state (a span, a timer sample) keyed by it. A call that
 * reported an {@link AttemptStarted} reports {@link CallCompleted} exactly once, and never an
 * {@link AttemptStarted} after it: a call ends by its result, its failure, its overall deadline,
 * the caller's cancellation or the port's close, so per-call state that is dropped on
 * {@code callCompleted} cannot pile up. A call refused before sending (bad input) reports only
 * {@link CallCompleted}, with {@code attempts} 0; a call on a closed port reports nothing.
 */
public interface CallObserver {

    /** Does nothing. */
    CallObserver NONE = new CallObserver() { };

    /** An attempt starts. */
    default void attemptStarted(AttemptStarted event) {
    }

    /** A retry is scheduled. */
    default void retryScheduled(RetryScheduled event) {
    }

    /** A call ended, successfully or not. */
    default void callCompleted(CallCompleted event) {
    }

    /**
     * Attempt {@code attempt} of a call starts.
     *
     * @param callId the call's identity, the same on all of its events
     * @param operation what the call does, e.g. {@code generateContent}, {@code files.upload}
     * @param modelId the model the call is about, when it is about one
     * @param attempt the attempt's number, from 1
     */
    record AttemptStarted(long callId, String operation, Optional<String> modelId, int attempt) {
        /** Checks for nulls. */
        public AttemptStarted {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(modelId, "modelId");
        }
    }

    /**
     * A retry is scheduled after {@code delay} because attempt {@code nextAttempt - 1} failed.
     *
     * @param callId the call's identity, the same on all of its events
     * @param operation what the call does
     * @param modelId the model the call is about, when it is about one
     * @param nextAttempt the number of the attempt that will follow the delay
     * @param delay the wait before it
     * @param cause the failure of the attempt that just ended (redacted like every exception here)
     */
    record RetryScheduled(long callId, String operation, Optional<String> modelId, int nextAttempt, Duration delay,
            Throwable cause) {
        /** Checks for nulls. */
        public RetryScheduled {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A call ended.
     *
     * @param callId the call's identity, the same on all of its events
     * @param operation what the call did
     * @param modelId the model the call was about, when it was about one
     * @param attempts the attempts made (0 when the call was refused before sending)
     * @param httpStatus the last HTTP status, empty when no reply arrived
     * @param bytesSent request bytes sent over all attempts
     * @param bytesReceived reply bytes read over all attempts (as they came off the wire)
     * @param duration from the call's start to its end
     * @param usage token usage of a successful generation, {@link Usage#NONE} otherwise
     * @param failure the failure, empty on success
     */
    record CallCompleted(long callId, String operation, Optional<String> modelId, int attempts, OptionalInt httpStatus,
            long bytesSent, long bytesReceived, Duration duration, Usage usage, Optional<Throwable> failure) {
        /** Checks for nulls. */
        public CallCompleted {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(failure, "failure");
        }

        /** Whether the call succeeded. */
        public boolean succeeded() {
            return failure.isEmpty();
        }
    }
}
