package io.github.geminiimage.http.internal.retry;

import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Decides, after a failed attempt, whether to try again and after how long (the rules of
 * {@link RetryPolicy}'s Javadoc): the one place the call engine asks, for every endpoint, sync or
 * async. A failure is retried only if its exception says it may be
 * ({@link ImageGenerationException#isRetryable()}) and, when it carries an HTTP status, the policy
 * lists that status; then only while attempts are left, the server's hint is short enough and the
 * wait ends before the deadline. Thread-safe if its random source is.
 */
public final class RetryDecider {

    private static final double NANOS_PER_SECOND = 1e9;

    private final RetryPolicy policy;
    private final DoubleSupplier random;

    /**
     * A decider for one policy.
     *
     * @param random values in {@code [0, 1)} for the jitter
     */
    public RetryDecider(RetryPolicy policy, DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A failed attempt.
     *
     * @param exception what to report if this is the last attempt
     * @param retryable whether this kind of failure may be retried at all
     * @param serverHint the delay the server asked for, if any
     */
    public record Failure(ImageGenerationException exception, boolean retryable, Optional<Duration> serverHint) {
        /** Checks the values are present. */
        public Failure {
            Objects.requireNonNull(exception, "exception");
            Objects.requireNonNull(serverHint, "serverHint");
        }
    }

    /** What to do next. */
    public sealed interface Decision permits Retry, RefreshCredentialsAndRetry, GiveUp {
    }

    /**
     * The server refused the access token (401): fetch a new one and try again at once. Offered
     * once per call, whatever the attempts left, and only for token credentials.
     */
    public record RefreshCredentialsAndRetry() implements Decision {
    }

    /**
     * Try again after {@code delay}.
     *
     * @param delay the wait before the next attempt
     */
    public record Retry(Duration delay) implements Decision {
    }

    /**
     * Stop and report {@code exception}.
     *
     * @param exception the failure to report
     */
    public record GiveUp(ImageGenerationException exception) implements Decision {
    }

    /**
     * The decision after attempt {@code attempt} (1-based) failed with {@code exception}: the one
     * function the engine calls.
     *
     * @param serverHint the delay the server asked for, if any
     * @param canRefreshCredentials whether the call uses refreshable token credentials that were
     *     not refreshed yet because of a 401
     * @param now the current time
     * @param deadline the call's overall deadline: no wait may reach it
     */
    public Decision decide(ImageGenerationException exception, Optional<Duration> serverHint,
            boolean canRefreshCredentials, int attempt, Instant now, Instant deadline) {
        if (canRefreshCredentials && exception instanceof AuthenticationException
                && exception.httpStatus().orElse(0) == 401 && now.isBefore(deadline)) {
            return new RefreshCredentialsAndRetry();
        }
        return decide(new Failure(exception, isRetried(exception), serverHint), attempt, now, deadline);
    }

    /**
     * Whether a failure of this kind is retried at all (attempts and time permitting): its
     * exception says it may be, and its HTTP status, if any, is one the policy retries.
     */
    public boolean isRetried(ImageGenerationException exception) {
        if (!exception.isRetryable()) {
            return false;
        }
        return exception.httpStatus().isEmpty() || policy.retryableStatuses().contains(exception.httpStatus().getAsInt());
    }

    /**
     * Decides after attempt {@code attempt} (1-based) failed.
     *
     * @param now the current time
     * @param deadline the call's overall deadline: no wait may reach it
     */
    public Decision decide(Failure failure, int attempt, Instant now, Instant deadline) {
        if (!failure.retryable() || attempt >= policy.maxAttempts()) {
            return new GiveUp(failure.exception());
        }
        Duration delay;
        if (failure.serverHint().isPresent()) {
            delay = failure.serverHint().get();
            if (delay.compareTo(policy.maxServerDelay()) > 0) {
                // The server said "not before then": trying earlier would be refused again.
                return new GiveUp(failure.exception());
            }
        } else {
            delay = backoff(attempt);
        }
        if (!now.plus(delay).isBefore(deadline)) {
            return new GiveUp(failure.exception());
        }
        return new Retry(delay);
    }

    /**
     * The computed delay before retry {@code retry} (1-based): {@code min(maxDelay, initialDelay *
     * multiplier^(retry-1))}, half of it fixed and the other half random ("equal jitter").
     */
    public Duration backoff(int retry) {
        double base = seconds(policy.initialDelay()) * Math.pow(policy.multiplier(), Math.max(0, retry - 1));
        double capped = Math.min(base, seconds(policy.maxDelay()));
        double r = random.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            r = 0.5;
        }
        double delay = capped / 2 + capped / 2 * r;
        double nanos = delay * NANOS_PER_SECOND;
        Duration computed = nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos((long) nanos);
        // A double cannot hold every cap to the nanosecond: rounding may land a few nanoseconds above it.
        return computed.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : computed;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / NANOS_PER_SECOND;
    }
}
