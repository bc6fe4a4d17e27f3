package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.StreamEvent;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.port.GenerationStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
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
    /** The request's sink: each chunk's images written through it, committed with the result. */
    private final Optional<SinkSession> sink;

    private final java.util.function.UnaryOperator<GenerationResult> finish;
    private final int continuations;

    /** A stream whose joined result goes through {@code finish} (the served tier and the price). */
    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd, java.util.function.UnaryOperator<GenerationResult> finish,
            Optional<SinkSession> sink) {
        this(steps, onEnd, finish, sink, 0);
    }

    /**
     * A stream of a continued generation: its result counts {@code continuations} extra requests
     * and is finished (served tier, price) once, after the join.
     */
    FakeGenerationStream(List<FakeStream.Step> steps, Runnable onEnd, java.util.function.UnaryOperator<GenerationResult> finish,
            Optional<SinkSession> sink, int continuations) {
        this.steps = List.copyOf(steps).iterator();
        this.onEnd = onEnd;
        this.finish = finish;
        this.sink = sink;
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
        if (result == null) {
            sink.ifPresent(SinkSession::abort);
        }
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
                    GenerationResult joined = aggregator.result();
                    if (continuations > 0) {
                        joined = new GenerationResult(joined.candidates(), joined.promptFeedback(), joined.usage(),
                                joined.modelVersion(), joined.responseId(), joined.servedTier(), joined.cost(),
                                continuations);
                    }
                    result = finish.apply(sink.isPresent() ? sink.get().commit(joined) : joined);
                } catch (ImageGenerationException e) {
                    throw fail(e);
                }
                end();
                return false;
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
                pending.addAll(aggregator.accept(delta));
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
        sink.ifPresent(SinkSession::abort);
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
