/**
 * Retry decisions: the one function that says whether a failed attempt is tried again and after
 * how long (the policy, the server's hints, the overall deadline), and the parsers of the server's
 * "wait this long" hints. Depends on the domain and {@code RetryPolicy} only. Not API.
 */
package io.github.geminiimage.http.internal.retry;
