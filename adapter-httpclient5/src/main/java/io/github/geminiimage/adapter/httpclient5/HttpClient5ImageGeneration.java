package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.port.ImageGenerationPort;

/**
 * The images-only shortcut of this adapter: an {@link ImageGenerationPort} over an
 * {@link HttpClient5GeminiClient} of its own, which closing the port closes. It is built as the
 * README's "Example" builds the JDK adapter's, and docs/VERTEX.md shows the Vertex AI endpoint and
 * tokens. To use files or batches too, build an {@link HttpClient5GeminiClient} and take its views.
 */
public final class HttpClient5ImageGeneration {

    private HttpClient5ImageGeneration() {
    }

    /** A builder; the same setters as {@link HttpClient5GeminiClient#builder()}. */
    public static HttpClient5GeminiClient.Builder<ImageGenerationPort> builder() {
        return new HttpClient5GeminiClient.Builder<>(ImageGenerationPort.class);
    }
}
