/**
 * Not API: the starter's checks of the properties and its observer composition. Depends on the
 * {@code http} module and the starter's public types only.
 */
package io.github.geminiimage.spring.boot.internal;
