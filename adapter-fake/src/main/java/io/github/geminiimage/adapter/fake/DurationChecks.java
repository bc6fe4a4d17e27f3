package io.github.geminiimage.adapter.fake;

import java.time.Duration;
import java.util.Objects;

/** The checks of the durations the fakes are configured with, failing with the field and the value. */
final class DurationChecks {

    private DurationChecks() {
    }

    /** {@code value}, if it is zero or more. */
    static Duration nonNegative(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative; got " + value);
        }
        return value;
    }

    /** {@code value}, if it is more than zero. */
    static Duration positive(Duration value, String field) {
        if (nonNegative(value, field).isZero()) {
            throw new IllegalArgumentException(field + " must be positive; got " + value);
        }
        return value;
    }
}
