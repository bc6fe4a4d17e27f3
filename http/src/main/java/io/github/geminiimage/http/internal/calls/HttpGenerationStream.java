package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.http.internal.engine.Handover;
import io.github.geminiimage.http.internal.stream.StreamReplyReader;
import io.github.geminiimage.port.stream.PulledGenerationStream;
import java.io.IOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@link io.github.geminiimage.port.GenerationStream} over a handed-over {@code streamGenerateContent}
 * reply: pulls the next event off the body as the consumer asks for it (nothing is read ahead), joins
 * the chunks with the {@link StreamAggregator}, and ends the call through the {@link Handover} when the
 * body ends, fails or is closed. The iterator is for one thread; {@link #close()} may come from any thread and
 * aborts a read in progress at once.
 */
final class HttpGenerationStream extends PulledGenerationStream {

    private final StreamReplyReader reader;
    private final Handover handover;
    private volatile Usage usage = Usage.NONE;
    private volatile boolean ended;
    private final UnaryOperator<GenerationResult> finish;
    /** Where the images go, if the request has a sink: committed with the result, aborted on failure or close. */
    private final Optional<SinkSession> sink;

    /**
     * A stream whose first chunk was already read (before the hand-over, so that the engine could
     * still retry a failure before it), and whose joined result goes through {@code finish} (the
     * served-tier header, the price).
     */
    HttpGenerationStream(StreamReplyReader reader, GenerationResult first, Handover handover,
            UnaryOperator<GenerationResult> finish, Optional<SinkSession> sink) {
        this.reader = reader;
        this.handover = handover;
        this.finish = finish;
        this.sink = sink;
        accept(first);
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

    /** Reads the next chunk off the body; at its end, the joined result ends the call. */
    @Override
    protected void pull() {
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
            return;
        }
        GenerationResult result;
        try {
            GenerationResult joined = joined();
            result = finish.apply(sink.isPresent() ? sink.get().commit(joined) : joined);
        } catch (ImageGenerationException e) {
            throw fail(handover.failure(e));
        }
        complete(result);
        ended = true;
        handover.finish(result.usage(), result.cost(), null);
    }

    private void accept(GenerationResult chunk) {
        join(chunk);
        if (!chunk.usage().equals(Usage.NONE)) {
            usage = chunk.usage(); // the aggregator's rule: the last chunk that reports any
        }
    }

    private ImageGenerationException fail(ImageGenerationException e) {
        sink.ifPresent(SinkSession::abort);
        failed(e);
        ended = true;
        handover.finish(usage, e);
        return e;
    }

    @Override
    public String toString() {
        return "HttpGenerationStream[" + chunks() + " chunks" + (ended ? ", ended" : "") + "]";
    }
}
