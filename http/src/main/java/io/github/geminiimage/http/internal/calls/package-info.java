/**
 * The calls the library makes, one class each: how to build the request (from an endpoint and the
 * caller's values) and how to read a 2xx reply. Everything else (credentials, retries, deadlines,
 * inflation, caps, errors, the observer) is the engine's. Depends on the engine and the codec. Not API.
 */
package io.github.geminiimage.http.internal.calls;
