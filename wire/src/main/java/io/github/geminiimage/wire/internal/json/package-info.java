/**
 * The API's small JSON documents bound with JSON-B: File resources, operations, error envelopes,
 * the batch create body.
 * Not API.
 */
package io.github.geminiimage.wire.internal.json;
