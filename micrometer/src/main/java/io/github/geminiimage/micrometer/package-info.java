/**
 * Micrometer metrics and tracing for the HTTP port:
 * {@link io.github.geminiimage.micrometer.MicrometerCallObserver} makes one {@code Observation} per
 * call in an {@code ObservationRegistry} (a span through a tracing bridge, the call timer through
 * the registry's meter handler) and records calls, attempts, retries, bytes and tokens into any
 * {@code MeterRegistry}. Depends on the {@code http} module's observer SPI and Micrometer only:
 * never on an adapter or a framework.
 */
package io.github.geminiimage.micrometer;
