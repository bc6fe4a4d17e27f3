package io.github.geminiimage.http;

import io.github.geminiimage.domain.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a {@link CallObserver} is told, as one line per event. */
final class RecordingObserver implements CallObserver {

    /** A completed call. */
    record Completion(String modelId, int attempts, int httpStatus, long bytesSent, long bytesReceived,
            Duration duration, Usage usage, Throwable failure) {
    }

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Completion> completions = new CopyOnWriteArrayList<>();
    final List<Throwable> retryCauses = new CopyOnWriteArrayList<>();

    @Override
    public void attemptStarted(AttemptStarted event) {
        events.add("attempt " + event.attempt());
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        int nextAttempt = event.nextAttempt();
        Duration delay = event.delay();
        Throwable cause = event.cause();
        retryCauses.add(cause);
        events.add("retry " + nextAttempt + " in " + delay + " after " + cause.getClass().getSimpleName());
    }

    @Override
    public void callCompleted(CallCompleted event) {
        String modelId = event.modelId().orElse("");
        int attempts = event.attempts();
        int httpStatus = event.httpStatus().orElse(0);
        long bytesSent = event.bytesSent();
        long bytesReceived = event.bytesReceived();
        Duration duration = event.duration();
        Usage usage = event.usage();
        Throwable failure = event.failure().orElse(null);
        events.add("completed after " + attempts + " with " + httpStatus
                + (failure == null ? "" : " " + failure.getClass().getSimpleName()));
        completions.add(new Completion(modelId, attempts, httpStatus, bytesSent, bytesReceived, duration, usage, failure));
    }
}
