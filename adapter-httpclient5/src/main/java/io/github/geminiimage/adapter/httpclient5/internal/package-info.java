/**
 * Implementation details of the Apache HttpClient 5 transport: the life of one exchange (deadline
 * watchdog, cancellation, connection discard) and the raw response. Not API: may change in any
 * release. Depends on the http module's SPI and {@code org.apache.hc} only.
 */
package io.github.geminiimage.adapter.httpclient5.internal;
