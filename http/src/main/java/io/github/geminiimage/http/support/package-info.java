/**
 * Helpers for the authors of an {@link io.github.geminiimage.http.HttpTransport}: waiting for an
 * exchange, daemon thread pools and timers, {@code Content-Length} checks and exceptions safe to
 * report. Depends only on the JDK, so that {@code http} can use it without a package cycle.
 */
package io.github.geminiimage.http.support;
