package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.StreamEvent;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.port.GenerationStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The fake's {@link GenerationStream}: plays a script on the consumer's thread, joining the chunks
 * with the same {@link StreamAggregator} the HTTP transports use. Pauses wait on a latch that
 * {@link #close()} (or the fake's close) trips, so closing aborts at once.
 */
final class FakeGenerationStream implements GenerationStream {

    private final Iterator<FakeStream.Step> steps;
    private final Runnable onEnd;
    private final StreamAggregator aggregator = new StreamAggregator();
    private final Deque<StreamEvent> pending = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean taken;
    private GenerationResult result;
    private ImageGenerationException failure;
    private final int continuations;

    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd) {
        this(steps, onEnd, 0);
    }

    /** A stream of a continued generation: its result counts {@code continuations} extra requests. */
    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd, int continuations) {
        this.steps = List.copyOf(steps).iterator();
        this.onEnd = onEnd;
        this.continuations = continuations;
    }

    @Override
    public Iterator<StreamEvent> iterator() {
        if (taken) {
            throw new IllegalStateException("the events of a stream can be taken only once");
        }
        taken = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return fetch();
            }

            @Override
            public StreamEvent next() {
                if (!fetch()) {
                    throw new NoSuchElementException("the stream has ended");
                }
                return pending.removeFirst();
            }
        };
    }

    @Override
    public Stream<StreamEvent> events() {
        Iterator<StreamEvent> it = iterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    @Override
    public GenerationResult result() {
        while (fetch()) {
            pending.removeFirst();
        }
        return result;
    }

    @Override
    public void close() {
        closed.countDown();
        end();
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Whether an event is ready, playing the script until one is or the stream ends. */
    private boolean fetch() {
        if (isClosed() && result == null && failure == null) {
            throw fail(closedFailure());
        }
        while (pending.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (result != null) {
                return false;
            }
            if (isClosed()) {
                throw fail(closedFailure());
            }
            if (!steps.hasNext()) {
                try {
                    result = aggregator.result();
                    if (continuations > 0) {
                        result = new GenerationResult(result.candidates(), result.promptFeedback(), result.usage(),
                                result.modelVersion(), result.responseId(), continuations);
                    }
                } catch (ImageGenerationException e) {
                    throw fail(e);
                }
                end();
                return false;
            }
            FakeStream.Step step = steps.next();
            if (step instanceof FakeStream.Chunk chunk) {
                pending.addAll(aggregator.accept(chunk.chunk()));
            } else if (step instanceof FakeStream.Pause pause) {
                pause(pause);
            } else {
                throw fail(Objects.requireNonNull(((FakeStream.Fail) step).failure().get(),
                        "the failure supplier returned null"));
            }
        }
        return true;
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
        failure = e;
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
