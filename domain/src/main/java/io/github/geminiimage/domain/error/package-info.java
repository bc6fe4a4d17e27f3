/**
 * What every port throws: {@link io.github.geminiimage.domain.error.ImageGenerationException}, sealed,
 * with one subclass per kind of failure (a refused request, authentication, permission, not found,
 * rate limit, server error, timeout, transport, a reply too large or malformed, no image), and the
 * details a server sends with an error ({@link io.github.geminiimage.domain.error.ErrorDetails},
 * {@link io.github.geminiimage.domain.error.RpcStatus}, {@link io.github.geminiimage.domain.error.QuotaScope}).
 */
package io.github.geminiimage.domain.error;
