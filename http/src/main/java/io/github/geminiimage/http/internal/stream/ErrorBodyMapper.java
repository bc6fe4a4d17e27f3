package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.domain.error.ImageGenerationException;

/**
 * Turns an error that arrived inside an HTTP 200 stream (an {@code {"error":...}} event, or JSON
 * after the last event) into the exception the same error gets as an HTTP error reply.
 */
@FunctionalInterface
public interface ErrorBodyMapper {

    /**
     * Maps the error.
     *
     * @param body the error JSON, at most {@link SseReader#MAX_STRAY_BYTES}
     * @param eventsBefore how many events were decoded before it
     * @return the exception to throw: mapped from the envelope, or a {@code MalformedResponseException}
     *     when the JSON is not an error
     */
    ImageGenerationException map(byte[] body, int eventsBefore);
}
