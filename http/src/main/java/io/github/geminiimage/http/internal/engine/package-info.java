/**
 * The call engine: runs any exchange described as data (an operation, a request builder, a reply
 * reader) through an {@code HttpTransport}, with the credentials applied in one place, the overall
 * deadline, gzip inflation, the size cap, error mapping, retries on a timer or a sleeper, the
 * observer's events and redaction. Sync and async calls share one step machine. Depends on the
 * domain, the http SPI and the other internal packages; never on an adapter. Not API.
 */
package io.github.geminiimage.http.internal.engine;
