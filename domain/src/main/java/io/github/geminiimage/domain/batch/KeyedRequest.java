package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Objects;

/**
 * One request of a batch job with the caller's key, by which its result is found again (the
 * {@code key} of a JSONL line, {@code metadata.key} of an inline request). Keys are unique within a
 * job; the port refuses a repeated key. Immutable.
 *
 * @param key 1 to {@value #MAX_KEY_CHARS} characters, no control characters
 * @param request the request, valid since it was built
 */
public record KeyedRequest(String key, GenerationRequest request) {

    /** The longest key accepted. */
    public static final int MAX_KEY_CHARS = 256;

    /**
     * Checks the key and that the request is present.
     *
     * @throws InvalidRequestException naming the field {@code key}, the value and the rule
     */
    public KeyedRequest {
        checkKey(key);
        Objects.requireNonNull(request, "request");
    }

    /** A keyed request. */
    public static KeyedRequest of(String key, GenerationRequest request) {
        return new KeyedRequest(key, request);
    }

    /**
     * Checks a key: 1 to {@value #MAX_KEY_CHARS} characters, none of them a control character.
     *
     * @return the key
     * @throws InvalidRequestException naming the field {@code key}, the value and the rule
     */
    public static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > MAX_KEY_CHARS || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("key", key, "1 to " + MAX_KEY_CHARS
                    + " characters without control characters (got " + key.length() + ")");
        }
        return key;
    }

    @Override
    public String toString() {
        return "KeyedRequest[" + key + ", " + request + "]";
    }
}
