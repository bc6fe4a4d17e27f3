/**
 * The wire codec of {@code generateContent}: the streaming request encoder (JSON written around
 * base64 produced chunk by chunk from the images), the streaming reply decoder (a strict JSON
 * scanner that decodes {@code inlineData.data} in place and leaves a small compacted copy for
 * JSON-B), the wire records, and the conversation document. Depends on the domain and JSON-B;
 * knows nothing of HTTP, retries, credentials or transports. Not API.
 */
package io.github.geminiimage.wire.internal.codec;
