/**
 * The pure domain of gemini-image-java: the values a caller chooses (request, image inputs, model,
 * aspect ratio, image size), the values the server chooses (finish and block reasons, modalities,
 * harm categories), the result of a call and the exception hierarchy. Invalid values cannot be built.
 *
 * <p>This package depends on {@code java.base} only: no JSON, no HTTP, no third-party library.
 */
package io.github.geminiimage.domain;
