package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.error.ImageGenerationException;
import java.time.Duration;

/** What a driver does after an attempt: the call's one decision, carried out sync or async. */
sealed interface Step<T> {

    /** Return the result. */
    record Done<T>(T value) implements Step<T> {
    }

    /** Fail with the exception. */
    record Fail<T>(ImageGenerationException exception) implements Step<T> {
    }

    /** Start the next attempt after {@code delay} (a sleeper's wait, or a timer). */
    record Wait<T>(Duration delay) implements Step<T> {
    }

    /** Start the next attempt at once (after refreshing the credentials). */
    record Again<T>() implements Step<T> {
    }
}
