/**
 * The Spring Boot starter: {@link io.github.geminiimage.spring.boot.GeminiImageAutoConfiguration}
 * wires an {@code ImageGenerationPort} and a {@code FilesPort} from {@code gemini.image.*}
 * ({@link io.github.geminiimage.spring.boot.GeminiImageProperties}). Depends on the adapters, the
 * Micrometer observer and Spring Boot; the core modules never depend on it.
 */
package io.github.geminiimage.spring.boot;
