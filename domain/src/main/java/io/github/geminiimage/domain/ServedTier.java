package io.github.geminiimage.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The tier that served a call, as the reply says it: the {@code x-gemini-service-tier} header and
 * {@code usageMetadata.trafficType} (e.g. {@code ON_DEMAND_FLEX}), both kept raw. A flex request
 * may be served as flex; a priority request may come back as standard. Immutable.
 *
 * @param header the {@code x-gemini-service-tier} header, when the reply had one
 * @param trafficType {@code usageMetadata.trafficType}, when the reply had one
 */
public record ServedTier(Optional<String> header, Optional<String> trafficType) {

    /** The reply said nothing about its tier. */
    public static final ServedTier NONE = new ServedTier(Optional.empty(), Optional.empty());

    /** Checks for nulls and drops blank values. */
    public ServedTier {
        header = Objects.requireNonNull(header, "header").map(String::trim).filter(h -> !h.isEmpty());
        trafficType = Objects.requireNonNull(trafficType, "trafficType").map(String::trim).filter(t -> !t.isEmpty());
    }

    /** This value with the header's value replaced. */
    public ServedTier withHeader(Optional<String> value) {
        return new ServedTier(value, trafficType);
    }

    /** This value with the traffic type replaced. */
    public ServedTier withTrafficType(Optional<String> value) {
        return new ServedTier(header, value);
    }

    /** Whether the reply named a tier at all. */
    public boolean isKnown() {
        return header.isPresent() || trafficType.isPresent();
    }

    /** The served tier as the reply says it: the header, else the traffic type, raw. */
    public Optional<String> value() {
        return header.isPresent() ? header : trafficType;
    }

    /**
     * The served tier, typed: from the header ({@code flex}, {@code standard}, {@code priority}),
     * else from the traffic type ({@code ON_DEMAND_FLEX}, {@code ON_DEMAND_PRIORITY},
     * {@code ON_DEMAND} as standard); empty when neither says a tier this library knows
     * (e.g. {@code PROVISIONED_THROUGHPUT}).
     */
    public Optional<ServiceTier> tier() {
        Optional<ServiceTier> fromHeader = header.flatMap(ServedTier::fromHeader);
        return fromHeader.isPresent() ? fromHeader : trafficType.flatMap(ServedTier::fromTrafficType);
    }

    private static Optional<ServiceTier> fromHeader(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (ServiceTier tier : ServiceTier.values()) {
            if (v.equals(tier.value()) || v.equals("service_tier_" + tier.value())) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    private static Optional<ServiceTier> fromTrafficType(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "ON_DEMAND_FLEX" -> Optional.of(ServiceTier.FLEX);
            case "ON_DEMAND_PRIORITY" -> Optional.of(ServiceTier.PRIORITY);
            case "ON_DEMAND" -> Optional.of(ServiceTier.STANDARD);
            default -> Optional.empty();
        };
    }

    /** The traffic type a server reports for a call served at {@code tier}. */
    public static String trafficTypeOf(ServiceTier tier) {
        return switch (tier) {
            case FLEX -> "ON_DEMAND_FLEX";
            case PRIORITY -> "ON_DEMAND_PRIORITY";
            case STANDARD -> "ON_DEMAND";
        };
    }

    /** What a server says for a call served at {@code tier}: the header and the traffic type. */
    public static ServedTier of(ServiceTier tier) {
        return new ServedTier(Optional.of(tier.value()), Optional.of(trafficTypeOf(tier)));
    }
}
