package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.port.ImageGenerationPort;

/**
 * The images-only shortcut of this adapter: an {@link ImageGenerationPort} over a
 * {@link JdkHttpGeminiClient} of its own, which closing the port closes (the README's "Example"
 * builds one; docs/VERTEX.md shows the Vertex AI endpoint and tokens). To use files or batches too,
 * build a {@link JdkHttpGeminiClient} and take its views.
 */
public final class JdkHttpImageGeneration {

    private JdkHttpImageGeneration() {
    }

    /** A builder with the default options (Google's endpoint); the same setters as {@link JdkHttpGeminiClient#builder()}. */
    public static JdkHttpGeminiClient.Builder<ImageGenerationPort> builder() {
        return new JdkHttpGeminiClient.Builder<>(ImageGenerationPort.class);
    }
}
