/**
 * The Gemini API's JSON, both ways: {@link io.github.geminiimage.wire.GenerateContentCodec} (a
 * {@code GenerateContentRequest} written while its images are base64-encoded, a
 * {@code GenerateContentResponse} read into a {@link io.github.geminiimage.domain.GenerationResult}
 * while it arrives) and {@link io.github.geminiimage.wire.ConversationCodec} (a multi-turn session
 * saved to a file). Depends on the domain only; the field names and quirks are in docs/wire-format.md.
 */
package io.github.geminiimage.wire;
