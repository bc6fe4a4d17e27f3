/**
 * The naive way, for comparison only: JSON-B (Yasson) over records that hold base64 as a
 * {@code String}, as most peers do. Never used by the library.
 */
package io.github.geminiimage.benchmarks.naive;
