/**
 * jqwik property tests of the http module: request encoding round trips, reply decoding over any
 * chunking, backoff bounds, total retry-hint parsing, and key redaction on every error path. They
 * run under Surefire beside the Jupiter tests (jqwik is its own JUnit Platform engine). Test code:
 * depends on the http module, the domain, JSON-P and jqwik, and on no transport adapter.
 */
package io.github.geminiimage.http.property;
