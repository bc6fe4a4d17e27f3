/**
 * Batch Mode over HTTP: {@link io.github.geminiimage.http.batch.HttpBatches}, the {@code BatchPort}
 * run by the call engine, and {@link io.github.geminiimage.http.batch.BatchLineCodec}, the batch JSONL
 * lines through the public codec. Depends on {@code http} and the wire codec; nothing in
 * {@code http} depends on it.
 */
package io.github.geminiimage.http.batch;
