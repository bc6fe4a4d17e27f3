package io.github.geminiimage.wire.batch;

import io.github.geminiimage.domain.GenerationRequest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one request as the REST {@code GenerateContentRequest} JSON object, {@code generationConfig}
 * nested (docs/wire-format.md, "Batch Mode": a batch line in the SDKs' flattened shape is silently
 * ignored or refused), on one line: no raw line breaks. The HTTP module supplies the same encoder
 * that {@code generateContent} uses. Implementations are thread-safe and stream images as they write.
 */
@FunctionalInterface
public interface RequestJsonWriter {

    /**
     * Writes {@code request} to {@code out}, which it does not close.
     *
     * @throws IOException if writing (or reading an image file) fails
     */
    void write(GenerationRequest request, OutputStream out) throws IOException;
}
