package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.CostEstimate;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.internal.error.Exceptions;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import java.io.Closeable;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response a {@link ReplyReader} handed to the caller (a streamed reply): the call goes on after
 * the engine returned it. The engine still enforces the call's overall deadline (a timer closes the
 * response) and closes it when the engine closes; the new owner reads it, turns what reading throws
 * into the call's exception with {@link #failure}, and reports the end with {@link #finish}, which
 * tells the observer the call completed. Thread-safe: {@link #close()} may come from any thread.
 */
public final class Handover implements Closeable {

    /** Why the response was closed before its owner finished with it. */
    private enum Abort { CALLER, DEADLINE, ENGINE }

    private final Call<?> call;
    private final HttpResponse response;
    private final AtomicReference<Abort> aborted = new AtomicReference<>();
    private volatile ScheduledFuture<?> deadlineTask;
    private volatile boolean finished;

    Handover(Call<?> call, HttpResponse response) {
        this.call = call;
        this.response = response;
    }

    /** Starts the deadline timer and registers with the engine; called once the reader returned. */
    void arm(CallEngine engine) {
        engine.handovers().add(this);
        deadlineTask = engine.armDeadline(() -> abort(Abort.DEADLINE), call);
        if (engine.isClosed()) {
            abort(Abort.ENGINE);
        }
        if (finished) {
            disarm(engine);
        }
    }

    /**
     * Aborts the exchange now (closes the response, which is not reused unless read to its end): a
     * read blocked on another thread fails at once. Idempotent; safe from any thread.
     */
    @Override
    public void close() {
        abort(Abort.CALLER);
    }

    /** Closes the response because the engine closed. */
    void engineClosed() {
        abort(Abort.ENGINE);
    }

    private void abort(Abort why) {
        if (!finished && aborted.compareAndSet(null, why)) {
            CallEngine.closeQuietly(response);
        }
    }

    /** Whether {@link #close()} (or the deadline, or the engine closing) aborted the exchange. */
    public boolean isAborted() {
        return aborted.get() != null;
    }

    /**
     * What a failure while reading the handed-over body means, as the engine reports it: an
     * {@link ImageGenerationException} from the decoder redacted and with the call's attempt count;
     * a failure caused by an abort as that abort ("closed", the deadline, the engine closed); any
     * other as the engine classifies a failed attempt (a timeout, a broken connection, an
     * interruption when the calling thread's interrupt flag is set). Never retried.
     */
    public ImageGenerationException failure(Throwable failure) {
        int attempts = call.attempts();
        Abort why = aborted.get();
        if (why == Abort.CALLER) {
            return closedByCaller();
        }
        if (why == Abort.DEADLINE) {
            return call.deadlinePassed();
        }
        if (why == Abort.ENGINE) {
            return call.engine().closedException(attempts);
        }
        if (failure instanceof ImageGenerationException e) {
            return Exceptions.redacted(e, call.redactor(), attempts);
        }
        boolean interrupted = Thread.currentThread().isInterrupted();
        return FailureClassifier.classify(failure, attempts, interrupted, !call.engine().clock().instant()
                .isBefore(call.deadline), call.budget(), call.redactor()).exception();
    }

    /** The exception of a stream its caller closed before it ended. */
    public TransportException closedByCaller() {
        return new TransportException("the stream was closed before it ended", ErrorDetails.ofAttempts(call.attempts()),
                null, false);
    }

    /**
     * Ends the call: stops the deadline timer, releases the response (aborting it unless it was
     * read to its end) and tells the observer the call completed, with {@code usage} when it
     * succeeded. Only the first call counts.
     *
     * @param failure what ended it, null for success
     */
    public void finish(Usage usage, Throwable failure) {
        finish(usage, Optional.empty(), failure);
    }

    /** Ends the call as {@link #finish(Usage, Throwable)} does, reporting the estimated cost of its result. */
    public void finish(Usage usage, Optional<CostEstimate> cost, Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        disarm(call.engine());
        CallEngine.closeQuietly(response);
        call.report(failure == null ? usage : Usage.NONE, failure == null ? cost : Optional.empty(), failure);
    }

    private void disarm(CallEngine engine) {
        ScheduledFuture<?> task = deadlineTask;
        if (task != null) {
            task.cancel(false);
        }
        engine.handovers().remove(this);
    }
}
