package io.github.geminiimage.http;

import java.util.Objects;

/**
 * An API key (or bearer token). Its {@link #toString()} is redacted, so it never reaches a log line
 * or an exception message by accident. Immutable.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a key.
     *
     * @throws IllegalArgumentException if it is blank or holds characters a header cannot carry
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "apiKey");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("apiKey is blank");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                // The message names the position only: the key itself must not appear anywhere.
                throw new IllegalArgumentException("apiKey holds a character that cannot be sent in a header, at index " + i);
            }
        }
        return new ApiKey(trimmed);
    }

    /** The secret itself; only for the one place that puts it on the wire. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Always {@code ApiKey[redacted]}. */
    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
