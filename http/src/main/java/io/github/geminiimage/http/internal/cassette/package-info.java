/**
 * The record-and-replay machinery behind {@code io.github.geminiimage.http.cassette}: the cassette
 * folder (one JSON document per exchange, large base64 payloads beside it as binary files named by
 * their SHA-256), the streaming body scanner that moves those payloads out of line and restores them
 * byte for byte, secret redaction, and request matching. Depends on the http SPI and JSON-B; nothing
 * here depends on the public cassette package. Not API. The format is described in docs/cassettes.md.
 */
package io.github.geminiimage.http.internal.cassette;
