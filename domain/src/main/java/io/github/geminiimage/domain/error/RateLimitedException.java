package io.github.geminiimage.domain.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** HTTP 429 (or 402): a rate limit or quota was hit, after every retry the deadline allowed. */
public final class RateLimitedException extends ImageGenerationException {

    private final transient Duration retryDelay;
    private final QuotaScope quotaScope;

    /**
     * Creates the exception.
     *
     * @param retryDelay how long the server asked to wait, if it said
     * @param quotaScope which quota was hit, if the server said
     */
    public RateLimitedException(String message, ErrorDetails details, Optional<Duration> retryDelay,
            QuotaScope quotaScope) {
        super(message, details, null);
        this.retryDelay = retryDelay.orElse(null);
        this.quotaScope = Objects.requireNonNull(quotaScope, "quotaScope");
    }

    /** How long the server asked to wait before the next try ({@code Retry-After} or {@code RetryInfo}). */
    public Optional<Duration> retryDelay() {
        return Optional.ofNullable(retryDelay);
    }

    /** Whether the quota hit was per minute or per day. */
    public QuotaScope quotaScope() {
        return quotaScope;
    }

    @Override
    public boolean isRetryable() {
        return quotaScope != QuotaScope.PER_DAY;
    }
}
