/**
 * Implementation details of the http module: the request encoder, the reply decoder, the
 * error-body mapper, the parsers of retry hints, the retry decisions, the classification of I/O
 * failures, redaction of secrets, and small counting wrappers. Depends on the domain, the http
 * SPI types and JSON-P/JSON-B; never on an adapter. Not API: may change in any release.
 */
package io.github.geminiimage.http.internal;
