package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.port.ImageGenerationPort;

/**
 * The images-only shortcut of this adapter: an {@link ImageGenerationPort} over a
 * {@link JdkHttpGeminiClient} of its own, which closing the port closes. For example:
 *
 * <pre>{@code
 * try (ImageGenerationPort images = JdkHttpImageGeneration.builder()
 *         .apiKey(System.getenv("GEMINI_API_KEY"))
 *         .build()) {
 *     GenerationResult result = images.generate(GenerationRequest.builder().prompt("a red bicycle").build());
 * }
 * }</pre>
 *
 * <p>Vertex AI, with tokens from Application Default Credentials (module {@code gemini-image-auth-google}):
 * <pre>{@code
 * JdkHttpImageGeneration.builder()
 *         .endpoint(Endpoint.vertex("my-project", "us-central1"))
 *         .accessTokens(GoogleCredentialsTokenSource.applicationDefault())
 *         .build();
 * }</pre>
 *
 * <p>To use files or batches too, build a {@link JdkHttpGeminiClient} and take its views.
 */
public final class JdkHttpImageGeneration {

    private JdkHttpImageGeneration() {
    }

    /** A builder with the default options (Google's endpoint); the same setters as {@link JdkHttpGeminiClient#builder()}. */
    public static JdkHttpGeminiClient.Builder<ImageGenerationPort> builder() {
        return new JdkHttpGeminiClient.Builder<>(ImageGenerationPort.class);
    }
}
