/**
 * The public wire codec of {@code generateContent}: a request written as one
 * {@code GenerateContentRequest} JSON object, a {@code GenerateContentResponse} read into a
 * {@link io.github.geminiimage.domain.GenerationResult}, both streaming. For batch files, recorded
 * replies and benchmarks. Depends on the domain and the http SPI's {@code RequestBody}.
 */
package io.github.geminiimage.http.codec;
