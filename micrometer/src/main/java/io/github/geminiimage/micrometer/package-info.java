/**
 * Micrometer metrics for the HTTP port:
 * {@link io.github.geminiimage.micrometer.MicrometerCallObserver} records calls, attempts, retries,
 * bytes and tokens into any {@code MeterRegistry}. Depends on the {@code http} module's observer
 * SPI and Micrometer only: never on an adapter or a framework.
 */
package io.github.geminiimage.micrometer;
