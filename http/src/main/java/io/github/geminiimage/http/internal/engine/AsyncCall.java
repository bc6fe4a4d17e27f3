package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

/**
 * The asynchronous driver of one {@link Call}: attempts chained on the transport's futures, reply
 * bodies read on the engine's readers (never on a transport thread), waits and the deadline as
 * timers. Cancelling the returned future cancels the exchange in flight, closes its response and
 * drops any scheduled retry. Every field cancellation must reach is guarded by {@code lock}.
 */
final class AsyncCall<T> {

    private final CallEngine engine;
    private final Call<T> call;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Object lock = new Object();
    private CompletableFuture<HttpResponse> inFlight;
    private HttpResponse response;
    private CompletableFuture<Void> retryTask;
    private ScheduledFuture<?> deadlineTask;

    AsyncCall(CallEngine engine, Call<T> call) {
        this.engine = engine;
        this.call = call;
    }

    int attempts() {
        return call.attempts();
    }

    CompletableFuture<T> start() {
        engine.asyncCalls().add(this);
        result.whenComplete(this::completed);
        if (engine.isClosed()) {
            fail(engine.closedException(0));
            return result;
        }
        ScheduledFuture<?> task = engine.armDeadline(() -> fail(call.deadlinePassed()), call);
        if (task == null) {
            fail(engine.closedException(0));
            return result;
        }
        synchronized (lock) {
            if (result.isDone()) {
                task.cancel(false);
                return result;
            }
            deadlineTask = task;
        }
        attempt();
        return result;
    }

    private void attempt() {
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            retryTask = null;
        }
        if (call.mayBlock()) {
            // A token fetch blocks: never on the caller's or the timer's thread.
            try {
                engine.readers().execute(this::send);
            } catch (RejectedExecutionException e) {
                fail(engine.closedException(call.attempts()));
            }
            return;
        }
        send();
    }

    private void send() {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<HttpResponse> future;
        try {
            HttpRequest request = call.beginAttempt();
            future = Objects.requireNonNull(engine.transport().sendAsync(request), "sendAsync returned null");
        } catch (ImageGenerationException e) {
            decide(new AttemptOutcome.Failure<>(e, Optional.empty()));
            return;
        } catch (IOException | RuntimeException e) {
            decide(call.failed(e, false));
            return;
        }
        synchronized (lock) {
            if (result.isDone()) {
                abort(future);
                return;
            }
            inFlight = future;
        }
        future.whenComplete(this::responded);
    }

    private void responded(HttpResponse reply, Throwable failure) {
        synchronized (lock) {
            inFlight = null;
            if (result.isDone()) {
                CallEngine.closeQuietly(reply);
                return;
            }
            response = reply;
        }
        if (failure != null || reply == null) {
            decide(call.failed(failure == null ? new IOException("the transport gave no response") : failure, false));
            return;
        }
        try {
            // Reading a body blocks: never on the transport's own thread.
            engine.readers().execute(() -> readReply(reply));
        } catch (RejectedExecutionException e) {
            CallEngine.closeQuietly(reply);
            fail(engine.closedException(call.attempts()));
        }
    }

    private void readReply(HttpResponse reply) {
        AttemptOutcome<T> outcome;
        try {
            outcome = call.read(reply, true);
        } catch (Error e) {
            // Not ours to handle, but the caller's future must not hang until the deadline.
            result.completeExceptionally(e);
            throw e;
        }
        synchronized (lock) {
            if (response == reply) {
                response = null;
            }
        }
        decide(outcome);
    }

    /** Carries out the call's decision: complete, fail, or schedule the next attempt. */
    private void decide(AttemptOutcome<T> outcome) {
        if (result.isDone()) {
            call.abandoned();
            return;
        }
        Step<T> step = call.next(outcome);
        if (step instanceof Step.Done<T> done) {
            if (!result.complete(done.value())) {
                call.abandoned();
            }
            return;
        }
        if (step instanceof Step.Fail<T> failed) {
            fail(failed.exception());
            return;
        }
        Duration delay = step instanceof Step.Wait<T> wait ? wait.delay() : Duration.ZERO;
        CompletableFuture<Void> pause;
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            pause = engine.sleeper().after(delay, engine.timer());
            retryTask = pause;
        }
        pause.whenComplete((ignored, failure) -> {
            if (failure == null) {
                attempt();
            } else if (!(failure instanceof java.util.concurrent.CancellationException)) {
                fail(engine.closedException(call.attempts()));
            }
        });
    }

    void fail(ImageGenerationException e) {
        result.completeExceptionally(e);
    }

    /** Runs once, however the future completed (result, failure, cancellation by the caller). */
    private void completed(T value, Throwable failure) {
        engine.asyncCalls().remove(this);
        CompletableFuture<HttpResponse> future;
        HttpResponse reply;
        CompletableFuture<Void> retry;
        ScheduledFuture<?> deadline;
        synchronized (lock) {
            future = inFlight;
            reply = response;
            retry = retryTask;
            deadline = deadlineTask;
            inFlight = null;
            response = null;
            retryTask = null;
            deadlineTask = null;
        }
        if (future != null) {
            abort(future);
        }
        CallEngine.closeQuietly(reply);
        if (retry != null) {
            retry.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        call.completed(value, failure == null ? null : FailureClassifier.unwrap(failure));
    }

    /** Cancels an exchange and closes its response should it arrive anyway. */
    private static void abort(CompletableFuture<HttpResponse> future) {
        future.cancel(true);
        future.thenAccept(CallEngine::closeQuietly);
    }
}
