package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.StreamEvent;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.http.internal.engine.Handover;
import io.github.geminiimage.http.internal.stream.StreamReplyReader;
import io.github.geminiimage.port.GenerationStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@link GenerationStream} over a handed-over {@code streamGenerateContent} reply: pulls the
 * next event off the body as the consumer asks for it (nothing is read ahead), joins the chunks with
 * the {@link StreamAggregator}, and ends the call through the {@link Handover} when the body ends,
 * fails or is closed. The iterator is for one thread; {@link #close()} may come from any thread and
 * aborts a read in progress at once.
 */
final class HttpGenerationStream implements GenerationStream {

    private final StreamReplyReader reader;
    private final Handover handover;
    private final StreamAggregator aggregator = new StreamAggregator();
    private final Deque<StreamEvent> pending = new ArrayDeque<>();
    private volatile Usage usage = Usage.NONE;
    private volatile boolean ended;
    private boolean taken;
    private GenerationResult result;
    private final java.util.function.UnaryOperator<GenerationResult> finish;
    private ImageGenerationException failure;
    /** Where the images go, if the request has a sink: committed with the result, aborted on failure or close. */
    private final Optional<SinkSession> sink;

    /**
     * A stream whose first chunk was already read (before the hand-over, so that the engine could
     * still retry a failure before it).
     */
    /** A stream whose joined result goes through {@code finish} (the served-tier header, the price). */
    HttpGenerationStream(StreamReplyReader reader, GenerationResult first, Handover handover,
            java.util.function.UnaryOperator<GenerationResult> finish, Optional<SinkSession> sink) {
        this.reader = reader;
        this.handover = handover;
        this.finish = finish;
        this.sink = sink;
        accept(first);
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
        if (ended) {
            return;
        }
        handover.close();
        sink.ifPresent(SinkSession::abort);
        // The consumer may be idle: the call ends now, whatever it does next.
        handover.finish(usage, handover.closedByCaller());
    }

    /** Whether an event is ready, reading the body until one is or the stream ends. */
    private boolean fetch() {
        while (pending.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (result != null) {
                return false;
            }
            if (handover.isAborted()) {
                throw fail(handover.failure(null));
            }
            Optional<GenerationResult> chunk;
            try {
                chunk = reader.next();
            } catch (IOException | RuntimeException e) {
                throw fail(handover.failure(e));
            }
            if (chunk.isPresent()) {
                accept(chunk.get());
                continue;
            }
            try {
                GenerationResult joined = aggregator.result();
                result = finish.apply(sink.isPresent() ? sink.get().commit(joined) : joined);
            } catch (ImageGenerationException e) {
                throw fail(handover.failure(e));
            }
            ended = true;
            handover.finish(result.usage(), result.cost(), null);
            return false;
        }
        return true;
    }

    private void accept(GenerationResult chunk) {
        pending.addAll(aggregator.accept(chunk));
        if (!chunk.usage().equals(Usage.NONE)) {
            usage = chunk.usage(); // the aggregator's rule: the last chunk that reports any
        }
    }

    private ImageGenerationException fail(ImageGenerationException e) {
        sink.ifPresent(SinkSession::abort);
        failure = e;
        ended = true;
        handover.finish(usage, e);
        return e;
    }

    @Override
    public String toString() {
        return "HttpGenerationStream[" + aggregator.chunks() + " chunks" + (ended ? ", ended" : "") + "]";
    }
}
