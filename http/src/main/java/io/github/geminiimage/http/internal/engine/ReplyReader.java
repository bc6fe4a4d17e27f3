package io.github.geminiimage.http.internal.engine;

import java.io.IOException;

/**
 * Turns a 2xx reply into the call's result: the one piece of reply handling an endpoint writes.
 * Errors, retries, inflation and the cap are the engine's.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface ReplyReader<T> {

    /**
     * Reads the reply. The engine closes the response afterwards unless the reader handed it over
     * ({@link Reply#handOver()}), e.g. to stream it to the caller.
     *
     * @throws io.github.geminiimage.domain.error.ImageGenerationException for a reply that is malformed
     *     or too large (never retried)
     * @throws IOException if reading fails (classified like any connection failure)
     */
    T read(Reply reply) throws IOException;
}
