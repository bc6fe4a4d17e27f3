package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.port.stream.PulledGenerationStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The fake's {@link io.github.geminiimage.port.GenerationStream}: plays a script on the consumer's
 * thread, a step each time the consumer needs an event, joining the chunks as the HTTP transports do.
 * Pauses wait on a latch that {@link #close()} (or the fake's close) trips, so closing aborts at once.
 */
final class FakeGenerationStream extends PulledGenerationStream {

    private final Iterator<FakeStream.Step> steps;
    private final Runnable onEnd;
    private final CountDownLatch closed = new CountDownLatch(1);

    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd) {
        this.steps = List.copyOf(steps).iterator();
        this.onEnd = onEnd;
    }

    @Override
    public void close() {
        closed.countDown();
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
                complete(joined());
            } catch (ImageGenerationException e) {
                throw fail(e);
            }
            end();
            return;
        }
        FakeStream.Step step = steps.next();
        if (step instanceof FakeStream.Chunk chunk) {
            join(chunk.chunk());
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
