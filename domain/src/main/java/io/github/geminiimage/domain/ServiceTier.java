package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The service tier a request asks for (top-level {@code serviceTier}; see docs/wire-format.md,
 * "Service tiers"). Flex costs about half and may take up to 15 minutes or be shed with a 503;
 * priority costs more and may be served as standard when capacity is short.
 */
public enum ServiceTier {
    /** {@code flex}: cheaper, latency of minutes, sheddable. */
    FLEX("flex"),
    /** {@code standard}: what the server does when no tier is sent. */
    STANDARD("standard"),
    /** {@code priority}: dearer, not sheddable, may fall back to standard. */
    PRIORITY("priority");

    private final String value;

    ServiceTier(String value) {
        this.value = value;
    }

    /** The value sent on the wire, e.g. {@code flex}. */
    public String value() {
        return value;
    }

    /**
     * The tier named by {@code text} (case-insensitive).
     *
     * @throws InvalidRequestException naming the field, the value and the choices
     */
    public static ServiceTier of(String text) {
        Objects.requireNonNull(text, "serviceTier");
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ServiceTier tier : values()) {
            if (tier.value.equals(wanted)) {
                return tier;
            }
        }
        throw new InvalidRequestException("serviceTier", text,
                "one of " + Arrays.stream(values()).map(ServiceTier::value).collect(Collectors.joining(", ")));
    }
}
