package io.github.geminiimage.http;

import java.util.List;
import java.util.function.Consumer;

/** {@link CallObserver#all}: tells each observer in order; one that throws is skipped, not fatal. */
final class CompositeCallObserver implements CallObserver {

    private final List<CallObserver> observers;

    CompositeCallObserver(List<CallObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    private void tell(Consumer<CallObserver> event) {
        for (CallObserver observer : observers) {
            try {
                event.accept(observer);
            } catch (RuntimeException ignored) {
                // The contract says an observer must not throw; one that does is ignored, as the port ignores it.
            }
        }
    }

    @Override
    public void attemptStarted(AttemptStarted event) {
        tell(o -> o.attemptStarted(event));
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        tell(o -> o.retryScheduled(event));
    }

    @Override
    public void callCompleted(CallCompleted event) {
        tell(o -> o.callCompleted(event));
    }

    @Override
    public void requestSent(RequestSent event) {
        tell(o -> o.requestSent(event));
    }

    @Override
    public void responseReceived(ResponseReceived event) {
        tell(o -> o.responseReceived(event));
    }

    @Override
    public String toString() {
        return "CallObserver.all" + observers;
    }
}
