/**
 * Automatic continuation: {@link io.github.geminiimage.domain.continuation.ContinuationHops} joins
 * the replies of a generation the server delivers in several pieces and decides whether to send
 * another request. Shared by every transport and the fake so they continue identically. Depends on
 * the domain and the JDK only.
 */
package io.github.geminiimage.domain.continuation;
