/**
 * Reading {@code streamGenerateContent?alt=sse} replies: the SSE framing ({@link
 * io.github.geminiimage.http.internal.stream.SseReader}), each event decoded while it is read and
 * errors in the stream mapped ({@link io.github.geminiimage.http.internal.stream.StreamReplyReader}),
 * behind two small interfaces ({@code ChunkDecoder}, {@code ErrorBodyMapper}) so the call engine can
 * plug in its codec. The chunks are joined by the domain's {@code StreamAggregator}. Depends on the
 * domain, {@code http.internal} (through {@code StreamCodecs} only) and JSON-P; never on an adapter.
 * Not API.
 */
package io.github.geminiimage.http.internal.stream;
