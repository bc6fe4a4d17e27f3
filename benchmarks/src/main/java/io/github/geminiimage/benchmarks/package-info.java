/**
 * JMH benchmarks of the wire codec (request encoding, reply decoding) beside the floor
 * ({@code java.util.Base64} alone) and the naive way (Yasson over records holding base64 strings).
 * Not published; payloads are made in code. Results and commands live in {@code benchmarks/RESULTS.md}.
 */
package io.github.geminiimage.benchmarks;
