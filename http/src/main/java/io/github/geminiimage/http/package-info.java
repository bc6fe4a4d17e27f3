/**
 * The HTTP side of the hexagon, written once and shared by every HTTP transport: the
 * {@link io.github.geminiimage.port.ImageGenerationPort} over HTTP, its options, the retry policy,
 * and the transport SPI ({@link io.github.geminiimage.http.HttpTransport}) each adapter implements.
 * Depends on the port, the domain and the wire codec. Knows no adapter.
 */
package io.github.geminiimage.http;
