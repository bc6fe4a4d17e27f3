package io.github.geminiimage.spring.boot.internal;

import io.github.geminiimage.http.CallObserver;
import java.util.Objects;
import java.util.Optional;

/**
 * The Micrometer observer the starter adds beside the application's own {@link CallObserver} beans,
 * made only when {@code gemini-image-micrometer} is on the classpath. A type of its own, not a
 * {@code CallObserver} bean, so an application that injects its one {@code CallObserver} still
 * finds exactly one.
 *
 * @param observer the observer, empty when there is no registry or metrics are turned off
 */
public record MetricsObserver(Optional<CallObserver> observer) {

    /** Checks the argument. */
    public MetricsObserver {
        Objects.requireNonNull(observer, "observer");
    }
}
