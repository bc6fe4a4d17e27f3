package io.github.geminiimage.spring.boot.internal;

import io.github.geminiimage.http.CallObserver;
import java.util.List;

/** Tells every observer of a list, in order; one that throws does not keep the others from hearing. */
public final class CompositeCallObserver implements CallObserver {

    private final List<CallObserver> observers;

    private CompositeCallObserver(List<CallObserver> observers) {
        this.observers = observers;
    }

    /** {@link CallObserver#NONE}, the one observer, or one telling them all. */
    public static CallObserver of(List<CallObserver> observers) {
        if (observers.isEmpty()) {
            return CallObserver.NONE;
        }
        return observers.size() == 1 ? observers.get(0) : new CompositeCallObserver(List.copyOf(observers));
    }

    @Override
    public void attemptStarted(AttemptStarted event) {
        for (CallObserver observer : observers) {
            try {
                observer.attemptStarted(event);
            } catch (RuntimeException ignored) {
                // The observer contract says it must not throw; one that does is ignored like the port ignores it.
            }
        }
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        for (CallObserver observer : observers) {
            try {
                observer.retryScheduled(event);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    @Override
    public void callCompleted(CallCompleted event) {
        for (CallObserver observer : observers) {
            try {
                observer.callCompleted(event);
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }
}
