package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.port.ImageGenerationPort;

/**
 * The images-only shortcut of this adapter: an {@link ImageGenerationPort} over an
 * {@link HttpClient5GeminiClient} of its own, which closing the port closes:
 * <pre>{@code
 * try (ImageGenerationPort images = HttpClient5ImageGeneration.builder()
 *         .apiKey(System.getenv("GEMINI_API_KEY"))
 *         .build()) {
 *     GenerationResult result = images.generate(request);
 * }
 * }</pre>
 * Vertex AI, with tokens from Application Default Credentials (module {@code gemini-image-auth-google}):
 * <pre>{@code
 * HttpClient5ImageGeneration.builder()
 *         .endpoint(Endpoint.vertex("my-project", "us-central1"))
 *         .accessTokens(GoogleCredentialsTokenSource.applicationDefault())
 *         .build();
 * }</pre>
 * To use files or batches too, build an {@link HttpClient5GeminiClient} and take its views.
 */
public final class HttpClient5ImageGeneration {

    private HttpClient5ImageGeneration() {
    }

    /** A builder; the same setters as {@link HttpClient5GeminiClient#builder()}. */
    public static HttpClient5GeminiClient.Builder<ImageGenerationPort> builder() {
        return new HttpClient5GeminiClient.Builder<>(ImageGenerationPort.class);
    }
}
