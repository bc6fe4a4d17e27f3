/**
 * Record and replay: {@link io.github.geminiimage.http.cassette.CassetteTransport} wraps any
 * {@link io.github.geminiimage.http.HttpTransport} and writes each exchange to a cassette folder, or
 * serves exchanges from one with no network at all, so tests run on what the service really
 * answered, offline and byte for byte (images, SSE streams, resumable uploads, batches). Secrets
 * never reach the folder. The folder's format is described in docs/cassettes.md. Depends on
 * {@code http}; nothing in {@code http} depends on it.
 */
package io.github.geminiimage.http.cassette;
