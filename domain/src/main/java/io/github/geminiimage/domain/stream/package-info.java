/**
 * Turning a streamed reply into events and one result: {@link io.github.geminiimage.domain.stream.StreamAggregator}
 * takes each decoded stream chunk (a {@code GenerationResult} holding one event's delta) and gives
 * back the {@link io.github.geminiimage.domain.stream.StreamEvent}s it carries and, at the end, the same
 * {@code GenerationResult} a non-streamed call returns. Shared by every transport and the fake so
 * they aggregate identically. Depends on the domain and the JDK only.
 */
package io.github.geminiimage.domain.stream;
