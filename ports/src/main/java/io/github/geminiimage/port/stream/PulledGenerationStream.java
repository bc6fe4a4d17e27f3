package io.github.geminiimage.port.stream;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The part of a {@link GenerationStream} that does not depend on where its chunks come from, for
 * adapters: the events are taken once ({@link #iterator()} or {@link #events()}), nothing is read
 * before the consumer asks ({@link #pull()} reads one step when no event is ready), the chunks are
 * joined by one {@link StreamAggregator}, and {@link #result()} drains what is left. The iterator is
 * for one thread.
 */
public abstract class PulledGenerationStream implements GenerationStream {

    private final StreamAggregator aggregator = new StreamAggregator();
    private final Deque<StreamEvent> pending = new ArrayDeque<>();
    private boolean taken;
    private GenerationResult result;
    private ImageGenerationException failure;

    /** For adapters. */
    protected PulledGenerationStream() {
    }

    /**
     * Reads one step of the input, called while no event is ready and the stream has not ended: hands a
     * chunk to {@link #join} (or an event to {@link #emit}), or waits, or at the end of the input ends
     * the stream ({@link #joined()} and {@link #complete}), or throws what {@link #failed} returns.
     */
    protected abstract void pull();

    /**
     * Called before each read of an event, even one already joined; by default nothing. A stream that
     * must fail at once when closed throws from here.
     */
    protected void beforeRead() {
    }

    /** Joins {@code chunk}; the events it adds become readable. */
    protected final void join(GenerationResult chunk) {
        pending.addAll(aggregator.accept(chunk));
    }

    /**
     * Makes {@code event} readable as it is, not joined: for a stream made of other streams, whose
     * events are already joined. {@link #joined()} and {@link #chunks()} do not see it.
     */
    protected final void emit(StreamEvent event) {
        pending.add(Objects.requireNonNull(event, "event"));
    }

    /**
     * The chunks joined into the stream's result, at the end of the input.
     *
     * @throws ImageGenerationException what the aggregator finds wrong with the whole
     */
    protected final GenerationResult joined() {
        return aggregator.result();
    }

    /** Ends the stream with {@code value}: reads end, {@link #result()} returns it. */
    protected final void complete(GenerationResult value) {
        result = value;
    }

    /** Ends the stream with {@code e}: every later read throws it. Returns it, to throw. */
    protected final ImageGenerationException failed(ImageGenerationException e) {
        failure = e;
        return e;
    }

    /** Whether the stream has its result or its failure. */
    protected final boolean hasEnded() {
        return result != null || failure != null;
    }

    /** How many chunks were joined. */
    protected final int chunks() {
        return aggregator.chunks();
    }

    @Override
    public final Iterator<StreamEvent> iterator() {
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
    public final Stream<StreamEvent> events() {
        Iterator<StreamEvent> it = iterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    @Override
    public final GenerationResult result() {
        while (fetch()) {
            pending.removeFirst();
        }
        return result;
    }

    /** Whether an event is ready, pulling until one is or the stream ends. */
    private boolean fetch() {
        beforeRead();
        while (pending.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (result != null) {
                return false;
            }
            pull();
        }
        return true;
    }
}
