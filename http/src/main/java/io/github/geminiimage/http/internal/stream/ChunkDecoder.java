package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes the data of one stream event, a {@code GenerateContentResponse} holding a delta, while
 * it is read (the same streaming decoder as a whole reply: images decoded from base64 straight into
 * their arrays). Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface ChunkDecoder {

    /**
     * Reads {@code eventData} to its end and decodes it.
     *
     * @param eventData the event's data; ends where the event ends
     * @param maxBytes the most bytes the event may have
     * @return the chunk as a result (parts, finish reason, usage as the event reported them)
     * @throws MalformedResponseException if the data is not a {@code GenerateContentResponse}
     * @throws ResponseTooLargeException if it is larger than {@code maxBytes}
     * @throws IOException if reading fails
     */
    GenerationResult decode(InputStream eventData, long maxBytes) throws IOException;
}
