package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.port.stream.PulledGenerationStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The fake's {@link io.github.geminiimage.port.GenerationStream}: plays a script on the consumer's
 * thread, a step each time the consumer needs an event, joining the chunks as the HTTP transports do.
 * Pauses wait on a latch that {@link #close()} (or the fake's close) trips, so closing aborts at once.
 */
final class FakeGenerationStream extends PulledGenerationStream {

    private final Iterator<FakeStream.Step> steps;
    private final Runnable onEnd;
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The request's sink: each chunk's images written through it, committed with the result. */
    private final Optional<SinkSession> sink;

    private final UnaryOperator<GenerationResult> finish;
    private final int continuations;

    /** A stream whose joined result goes through {@code finish} (the served tier and the price). */
    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd, UnaryOperator<GenerationResult> finish,
            Optional<SinkSession> sink) {
        this(steps, onEnd, finish, sink, 0);
    }

    /**
     * A stream of a continued generation: its result counts {@code continuations} extra requests
     * and is finished (served tier, price) once, after the join.
     */
    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd, UnaryOperator<GenerationResult> finish,
            Optional<SinkSession> sink, int continuations) {
        this.steps = List.copyOf(steps).iterator();
        this.onEnd = onEnd;
        this.finish = finish;
        this.sink = sink;
        this.continuations = continuations;
    }

    @Override
    public void close() {
        closed.countDown();
        if (!hasEnded()) {
            sink.ifPresent(SinkSession::abort);
        }
        end();
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** A closed stream fails at once, even with events joined and not read yet. */
    @Override
    protected void beforeRead() {
        if (isClosed() && !hasEnded()) {
            throw fail(closedFailure());
        }
    }

    /** Plays the next step of the script. */
    @Override
    protected void pull() {
        if (isClosed()) {
            throw fail(closedFailure());
        }
        if (!steps.hasNext()) {
            try {
                GenerationResult joined = joined();
                if (continuations > 0) {
                    joined = new GenerationResult(joined.candidates(), joined.promptFeedback(), joined.usage(),
                            joined.modelVersion(), joined.responseId(), joined.servedTier(), joined.cost(), continuations);
                }
                complete(finish.apply(sink.isPresent() ? sink.get().commit(joined) : joined));
            } catch (ImageGenerationException e) {
                throw fail(e);
            }
            end();
            return;
        }
        FakeStream.Step step = steps.next();
        if (step instanceof FakeStream.Chunk chunk) {
            GenerationResult delta = chunk.chunk();
            if (sink.isPresent()) {
                try {
                    delta = sink.get().writeImages(delta);
                } catch (ImageGenerationException e) {
                    throw fail(e);
                }
            }
            join(delta);
        } else if (step instanceof FakeStream.Pause pause) {
            pause(pause);
        } else {
            throw fail(Objects.requireNonNull(((FakeStream.Fail) step).failure().get(),
                    "the failure supplier returned null"));
        }
    }

    private void pause(FakeStream.Pause pause) {
        try {
            if (closed.await(pause.duration().toNanos(), TimeUnit.NANOSECONDS)) {
                throw fail(closedFailure());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
            throw fail(new TransportException("the stream was interrupted while waiting for the next event",
                    ErrorDetails.ofAttempts(1), e, false));
        }
    }

    private ImageGenerationException fail(ImageGenerationException e) {
        sink.ifPresent(SinkSession::abort);
        failed(e);
        end();
        return e;
    }

    private void end() {
        onEnd.run();
    }

    private static TransportException closedFailure() {
        return new TransportException("the stream was closed before it ended", ErrorDetails.ofAttempts(1), null, false);
    }
}
