package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.CallObserver;

/** Calls the user's observer, ignoring anything it throws (its contract says it must not). */
final class SafeObserver {

    private static final System.Logger LOG = System.getLogger(SafeObserver.class.getName());

    private final CallObserver delegate;

    SafeObserver(CallObserver delegate) {
        this.delegate = delegate;
    }

    /** Whether nobody listens: then the redacted views of requests and replies are not even made. */
    boolean silent() {
        return delegate == CallObserver.NONE;
    }

    void attemptStarted(CallObserver.AttemptStarted event) {
        try {
            delegate.attemptStarted(event);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    void retryScheduled(CallObserver.RetryScheduled event) {
        try {
            delegate.retryScheduled(event);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    void callCompleted(CallObserver.CallCompleted event) {
        try {
            delegate.callCompleted(event);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    void requestSent(CallObserver.RequestSent event) {
        try {
            delegate.requestSent(event);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    void responseReceived(CallObserver.ResponseReceived event) {
        try {
            delegate.responseReceived(event);
        } catch (RuntimeException e) {
            ignored(e);
        }
    }

    private static void ignored(RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "a CallObserver threw " + e.getClass().getName() + "; ignored");
    }
}
