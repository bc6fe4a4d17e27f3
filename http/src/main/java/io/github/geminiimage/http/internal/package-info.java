/**
 * Implementation details of the http module: the streaming request encoder, the streaming reply
 * decoder, JSON-B wire records and the error-body mapper. Not API: may change in any release.
 */
package io.github.geminiimage.http.internal;
