package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.error.ImageGenerationException;
import java.time.Duration;
import java.util.Optional;

/** How one attempt ended: a result, or a failure with the delay the server asked for. */
sealed interface AttemptOutcome<T> {

    /** The attempt produced the call's result. */
    record Success<T>(T value) implements AttemptOutcome<T> {
    }

    /** The attempt failed; {@code serverHint} is the server's "retry after", if it gave one. */
    record Failure<T>(ImageGenerationException exception, Optional<Duration> serverHint) implements AttemptOutcome<T> {
    }
}
