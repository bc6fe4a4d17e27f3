package io.github.geminiimage.wire.batch;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one {@code GenerateContentResponse} JSON object into a result, decoding while it reads
 * (images straight from base64 into their bytes). The HTTP module supplies the streaming decoder
 * that {@code generateContent} uses. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ResponseJsonReader {

    /**
     * Reads {@code json} to its end (it holds exactly one object) without closing it.
     *
     * @throws ImageGenerationException {@code MalformedResponseException} for a body that is not a
     *     response, {@code ResponseTooLargeException} above the reader's cap
     * @throws IOException if reading fails
     */
    GenerationResult read(InputStream json) throws IOException;
}
