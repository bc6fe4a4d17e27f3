/**
 * Error mapping: a non-2xx reply (Google's envelope, proxy envelopes, HTML) to the matching domain
 * exception, an I/O failure of an exchange to what it means, redaction of secrets from anything
 * that goes into a message, and rebuilding immutable exceptions with other details. Depends on the
 * domain, JSON-P and the retry-hint parsers; never on an adapter. Not API.
 */
package io.github.geminiimage.http.internal.error;
