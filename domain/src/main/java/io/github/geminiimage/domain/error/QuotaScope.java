package io.github.geminiimage.domain.error;

/** Which quota a 429 ran into, when the server said (Google's {@code QuotaFailure.quotaId}). */
public enum QuotaScope {
    /** A per-minute (or per-second) limit: retrying soon helps. */
    PER_MINUTE,
    /** A per-day limit: retrying today is pointless; the library does not retry it. */
    PER_DAY,
    /** The server did not say. */
    UNKNOWN
}
