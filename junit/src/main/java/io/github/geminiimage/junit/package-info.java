/**
 * JUnit 5 support for cassettes: {@link io.github.geminiimage.junit.GeminiCassette} on a test picks
 * its cassette folder, and the {@link io.github.geminiimage.junit.Cassette} parameter hands the test
 * a transport that records or replays it, the mode taken from the {@code gemini.cassette.mode}
 * property or the {@code GEMINI_CASSETTE_MODE} environment variable: record locally with a key,
 * replay in CI without one. Depends on {@code http.cassette} and the JUnit Jupiter API.
 */
package io.github.geminiimage.junit;
