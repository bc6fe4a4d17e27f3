/**
 * A local Gemini API server for tests in any language: {@link io.github.geminiimage.emulator.GeminiEmulator}
 * serves {@code generateContent}, streaming, the Files API, Batch Mode and Vertex AI paths in
 * Google's wire format, answered by the in-memory fake, with a control API to script outcomes and
 * read the requests it received.
 */
package io.github.geminiimage.emulator;
