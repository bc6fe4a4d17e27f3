/**
 * The pure domain of gemini-image-java, image calls first: the values a caller chooses (request, image
 * inputs, model, aspect ratio, image size, safety settings, service tier, search grounding, where the
 * images go), the values the server chooses (finish and block reasons, modalities, harm categories),
 * the result of a call with its usage, served tier and estimated cost, and a conversation. Invalid
 * values cannot be built. Other resources have packages of their own: {@code error} (the exception
 * hierarchy), {@code file} (the Files API), {@code batch} (Batch Mode), {@code grounding} (the sources a
 * grounded reply names), {@code stream} (streamed replies), {@code sink} (writing images while they are
 * decoded), {@code continuation} (continued replies) and {@code poll} (waiting).
 *
 * <p>The domain depends on {@code java.base} only: no JSON, no HTTP, no third-party library.
 */
package io.github.geminiimage.domain;
