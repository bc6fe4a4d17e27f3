package io.github.geminiimage.http;

import io.github.geminiimage.domain.CostEstimate;
import io.github.geminiimage.domain.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A hook for users' metrics, logs and traces: told when each attempt of a call starts, when a retry
 * is scheduled and when a call completes, each time with one event value (fields may be added to an
 * event later without breaking an implementor). Called on the thread doing the work; must be quick
 * and must not throw (anything it throws is ignored). Never receives the key, a token, a prompt or
 * a payload. All methods default to doing nothing; {@link LoggingCallObserver} logs every event.
 *
 * <p>Every event names its call by a {@code callId}, the same on all events of one call and never
 * reused while the JVM runs, so one observer may be shared by several ports and keep per-call state
 * (a span, a timer sample) keyed by it until {@link #callCompleted}.
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

    /**
     * A call ended, successfully or not. A call that reported an {@link AttemptStarted} reports this
     * exactly once, and never an {@link AttemptStarted} after it: a call ends by its result, its
     * failure, its overall deadline, the caller's cancellation or the port's close, so per-call state
     * dropped here cannot pile up. A call refused before sending (bad input) reports only this, with
     * {@code attempts} 0; a call on a closed port reports nothing.
     */
    default void callCompleted(CallCompleted event) {
    }

    /**
     * An attempt's request (method, URI, headers, body size) is handed to the transport, with every
     * secret already replaced by {@code [redacted]}: the values of the credential headers and of the
     * headers the request marks sensitive, the key and tokens wherever they appear, secret query
     * values.
     */
    default void requestSent(RequestSent event) {
    }

    /**
     * The status and headers of an attempt's reply arrived (and the time to it), secrets redacted as
     * in {@link #requestSent}; its body is read next.
     */
    default void responseReceived(ResponseReceived event) {
    }

    /**
     * One observer telling each of {@code observers}, in order; one that throws does not keep the
     * others from hearing.
     *
     * @param observers the observers; {@link #NONE} for none, the observer itself for one
     * @return an observer telling them all
     */
    static CallObserver all(List<CallObserver> observers) {
        List<CallObserver> copy = new ArrayList<>(observers);
        copy.removeIf(o -> Objects.requireNonNull(o, "observer") == NONE);
        if (copy.isEmpty()) {
            return NONE;
        }
        return copy.size() == 1 ? copy.get(0) : new CompositeCallObserver(copy);
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
     * @param cost the estimated cost of a successful generation ({@code HttpOptions.priceTable}), empty otherwise
     */
    record CallCompleted(long callId, String operation, Optional<String> modelId, int attempts, OptionalInt httpStatus,
            long bytesSent, long bytesReceived, Duration duration, Usage usage, Optional<Throwable> failure,
            Optional<CostEstimate> cost) {
        /** Checks for nulls. */
        public CallCompleted {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(cost, "cost");
        }

        /** A completion without a cost estimate. */
        public CallCompleted(long callId, String operation, Optional<String> modelId, int attempts, OptionalInt httpStatus,
                long bytesSent, long bytesReceived, Duration duration, Usage usage, Optional<Throwable> failure) {
            this(callId, operation, modelId, attempts, httpStatus, bytesSent, bytesReceived, duration, usage, failure,
                    Optional.empty());
        }

        /** Whether the call succeeded. */
        public boolean succeeded() {
            return failure.isEmpty();
        }
    }

    /**
     * Attempt {@code attempt} hands its request to the transport.
     *
     * @param callId the call's identity, the same on all of its events
     * @param operation what the call does
     * @param attempt the attempt's number, from 1
     * @param method the HTTP method
     * @param uri the target URI, secret query values (a key, an upload session) redacted
     * @param headers the headers as sent, in order, the values of credential and sensitive headers
     *     redacted; {@code Content-Length} and what the transport adds for framing are not among them
     * @param bodyBytes the body's length in bytes, 0 without a body
     */
    record RequestSent(long callId, String operation, int attempt, String method, String uri,
            List<Map.Entry<String, String>> headers, long bodyBytes) {
        /** Checks for nulls and copies the headers. */
        public RequestSent {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = List.copyOf(headers);
        }
    }

    /**
     * The head of attempt {@code attempt}'s reply arrived.
     *
     * @param callId the call's identity, the same on all of its events
     * @param operation what the call does
     * @param attempt the attempt's number, from 1
     * @param status the HTTP status code
     * @param headers the reply's headers (names as the transport gives them), secrets redacted
     * @param elapsed from the request being handed to the transport to this head
     */
    record ResponseReceived(long callId, String operation, int attempt, int status,
            List<Map.Entry<String, String>> headers, Duration elapsed) {
        /** Checks for nulls and copies the headers. */
        public ResponseReceived {
            Objects.requireNonNull(operation, "operation");
            headers = List.copyOf(headers);
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }
}
