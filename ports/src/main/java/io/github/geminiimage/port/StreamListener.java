package io.github.geminiimage.port;

import io.github.geminiimage.domain.stream.StreamEvent;

/**
 * Receives the events of {@link ImageGenerationPort#streamAsync}. Called on a thread of the
 * implementation, one event at a time in arrival order, each call finished before the next starts
 * (so an implementation needs no locking of its own). Keep it quick: the stream waits while it runs.
 * If it throws, the exchange is aborted and the future completes exceptionally with what it threw.
 */
@FunctionalInterface
public interface StreamListener {

    /** One event, in arrival order. */
    void onEvent(StreamEvent event);
}
