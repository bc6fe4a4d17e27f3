/**
 * The HTTP contract suites and fixtures that need a wire server, all run against
 * {@link io.github.geminiimage.emulator.GeminiEmulator}: {@link io.github.geminiimage.tck.http.HttpFilesPortContract}
 * (the Files contract plus resumable-upload faults), {@link io.github.geminiimage.tck.http.EmulatorBatchFixture}
 * for the batch contract, {@link io.github.geminiimage.tck.http.EmulatorGeminiClientContract} for an adapter's client,
 * and the image and stream fixtures
 * ({@link io.github.geminiimage.tck.http.EmulatorPortFixture}, {@link io.github.geminiimage.tck.http.EmulatorStreamFixture}).
 * Apart from {@code port-tck} because the emulator is built on the fake, whose own tests run
 * {@code port-tck}'s suites; byte-level faults stay with {@code port-tck}'s {@code RawHttpServer}.
 */
package io.github.geminiimage.tck.http;
