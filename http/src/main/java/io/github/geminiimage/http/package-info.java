/**
 * The HTTP side of the hexagon, written once and shared by every HTTP transport: the
 * {@link io.github.geminiimage.port.ImageGenerationPort} over HTTP, its options, the retry policy,
 * the transport SPI ({@link io.github.geminiimage.http.HttpTransport}) each adapter implements, and
 * {@link io.github.geminiimage.http.ConversationCodec}, which saves a multi-turn conversation.
 * Depends on the port and the domain; JSON-B is used only in {@code .internal}. Knows no adapter.
 */
package io.github.geminiimage.http;
