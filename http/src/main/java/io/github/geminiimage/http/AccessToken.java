package io.github.geminiimage.http;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token and the instant it expires. A secret: {@link #toString()} never shows it;
 * only {@link #reveal()} does, for the one place the core puts it ({@code Authorization: Bearer}).
 */
public final class AccessToken {

    private final String value;
    private final Instant expiresAt;

    private AccessToken(String value, Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /**
     * A token valid until {@code expiresAt}.
     *
     * @throws IllegalArgumentException if the value is blank or holds characters a header cannot carry
     */
    public static AccessToken of(String value, Instant expiresAt) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an access token must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("an access token may hold only visible ASCII characters (character "
                        + (i + 1) + " is not one)");
            }
        }
        return new AccessToken(value, expiresAt);
    }

    /** The token itself. Put it in a request header and nowhere else. */
    public String reveal() {
        return value;
    }

    /** When the token stops being accepted. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the token expires at or before {@code instant}. */
    public boolean expiresBy(Instant instant) {
        return !expiresAt.isAfter(instant);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessToken token && token.value.equals(value) && token.expiresAt.equals(expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[****, expiresAt=" + expiresAt + "]";
    }
}
