package io.github.geminiimage.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * When and how long to wait before trying a failed call again. Immutable. Retried: the statuses in
 * {@link #retryableStatuses()} and connection failures; never a per-day quota, an interruption, or
 * the library's own validation and size-cap errors. No wait ever passes the call's overall
 * deadline: when the next wait would, the call fails now with the last error.
 *
 * @param maxAttempts total attempts including the first, at least 1 (1 means no retry)
 * @param initialDelay the delay before the first retry
 * @param multiplier the growth factor between retries, at least 1
 * @param maxDelay the cap of computed delays
 * @param maxServerDelay the cap of delays the server asks for
 * @param retryableStatuses the HTTP statuses that are retried
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
        Duration maxServerDelay, Set<Integer> retryableStatuses) {

    /** The default statuses: 408, 429, 500, 502, 503, 504 (Google's own list for this API). */
    public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    /** Checks every value. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1; got " + maxAttempts);
        }
        requirePositiveOrZero(initialDelay, "initialDelay");
        requirePositiveOrZero(maxDelay, "maxDelay");
        requirePositiveOrZero(maxServerDelay, "maxServerDelay");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1; got " + multiplier);
        }
        retryableStatuses = Set.copyOf(retryableStatuses);
    }

    /** 3 attempts, 1 s doubling to at most 30 s, server hints up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofSeconds(60),
                DEFAULT_RETRYABLE_STATUSES);
    }

    /**
     * The policy of flex calls: 5 attempts, 30 s doubling to at most 4 min (with jitter), server
     * hints up to 5 min, the default statuses. A flex request is shed with 503 when capacity runs
     * short; waiting minutes, not seconds, gives the capacity time to come back, and the waits
     * (at most about 7.5 min in all) fit in the 20-minute flex deadline next to a 15-minute answer.
     */
    public static RetryPolicy flexDefaults() {
        return new RetryPolicy(5, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(4), Duration.ofMinutes(5),
                DEFAULT_RETRYABLE_STATUSES);
    }

    /** One attempt, no retry. */
    public static RetryPolicy noRetries() {
        return defaults().withMaxAttempts(1);
    }

    /** A copy with another attempt count. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay, maxServerDelay, retryableStatuses);
    }

    /**
     * A copy with other backoff delays: the delay before retry {@code n} (1-based) is
     * {@code min(max, initial * factor^(n-1))} with "equal jitter" (a random half of it added to the
     * other half), unless the server asked for a delay (see {@link #withMaxServerDelay}).
     */
    public RetryPolicy withBackoff(Duration initial, double factor, Duration max) {
        return new RetryPolicy(maxAttempts, initial, factor, max, maxServerDelay, retryableStatuses);
    }

    /**
     * A copy with another cap on the delays the server asks for ({@code Retry-After},
     * {@code Retry-After-Ms}, {@code RetryInfo.retryDelay}), which are honoured up to it.
     */
    public RetryPolicy withMaxServerDelay(Duration max) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, max, retryableStatuses);
    }

    /** A copy retrying other statuses. */
    public RetryPolicy withRetryableStatuses(Set<Integer> statuses) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, maxServerDelay, statuses);
    }

    private static void requirePositiveOrZero(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative; got " + d);
        }
    }
}
