/**
 * Load, soak and end-to-end benchmarks of the two HTTP adapters against the emulator: a JMH
 * benchmark of one call with large images given as files ({@link io.github.geminiimage.loadtests.EndToEndBenchmark}),
 * a bounded-heap load test ({@link io.github.geminiimage.loadtests.LoadTest}) and a soak test with
 * faults ({@link io.github.geminiimage.loadtests.SoakTest}), each against a {@code GeminiEmulator}
 * in a separate JVM scripted with standing rules ({@link io.github.geminiimage.loadtests.ServerProcess}),
 * and many clients against one emulator ({@link io.github.geminiimage.loadtests.EmulatorLoad}). Not published. Uses only the
 * adapters' public builders and transports and the http module's public types; never an
 * {@code .internal} package, never {@code java.net.http} or Apache HttpClient directly.
 */
package io.github.geminiimage.loadtests;
