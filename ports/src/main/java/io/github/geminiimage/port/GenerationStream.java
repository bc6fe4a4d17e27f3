package io.github.geminiimage.port;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.stream.StreamEvent;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A generation in progress, returned by {@link ImageGenerationPort#stream}: iterate its
 * {@link StreamEvent}s as they arrive, then take the {@link #result()}; use it in
 * try-with-resources (the README's "Streaming" section shows the whole loop).
 *
 * <p>One consumer: the events can be taken once ({@link #iterator()} or {@link #events()}, not
 * both) by one thread; {@link #close()} may be called from any thread, at any time. A transport
 * retries only before the first event; after it, a failure ends the stream, and the events
 * delivered before it stay delivered. The {@code port-tck} streaming suite checks this contract.
 */
public interface GenerationStream extends Iterable<StreamEvent>, AutoCloseable {

    /**
     * The events in arrival order. {@code hasNext()} blocks until the next event; it returns false
     * once the stream ended with a finish reason (or a blocked prompt).
     *
     * <p>A failure after the stream started is thrown by {@code hasNext()}, {@code next()} or
     * {@link #result()} as the same {@link ImageGenerationException} subtype a non-streamed call
     * raises for it: an error event, or an error after the last event, is mapped like an HTTP error
     * reply (503 {@code UNAVAILABLE} is a {@code ServerErrorException}); a stream that ends without a
     * finish reason is a {@code MalformedResponseException}, never a success; a reply over the size
     * cap is a {@code ResponseTooLargeException}; a stream silent for longer than the inactivity
     * timeout, or past the overall deadline, is a {@code GenerationTimeoutException}.
     *
     * @throws IllegalStateException if the events were already taken (by this or {@link #events()})
     */
    @Override
    Iterator<StreamEvent> iterator();

    /**
     * The events as a sequential {@link Stream}, lazily read; closing the {@code Stream} closes
     * this. Failures surface from the terminal operation as in {@link #iterator()}.
     *
     * @throws IllegalStateException if the events were already taken
     */
    Stream<StreamEvent> events();

    /**
     * The result: the same {@link GenerationResult} {@code generate} returns for the same reply
     * (text deltas joined, each image once, usage and finish reason from the last event, thought
     * signatures kept for replay in a {@code Conversation}). Blocks until the stream ends, reading
     * and discarding the events not yet taken.
     *
     * @throws ImageGenerationException if the stream failed or was closed before its end
     */
    GenerationResult result();

    /**
     * Aborts the exchange if it is still running: the connection is closed, not reused, and a
     * thread blocked in {@code hasNext()} gets a {@code TransportException}, as does
     * {@link #result()}. Interrupting that thread aborts the same way and leaves its interrupt flag
     * set. Harmless after the end or when called twice.
     */
    @Override
    void close();
}
