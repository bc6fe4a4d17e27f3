package io.github.geminiimage.domain;

import java.util.Locale;

/** The row of a {@link PriceTable} a call is billed at: its service tier, or batch. */
public enum PriceTier {
    /** A standard synchronous call (also a call whose reply names no tier and that asked for none). */
    STANDARD,
    /** A call served at the flex tier. */
    FLEX,
    /** A call served at the priority tier. */
    PRIORITY,
    /** A request of a batch job. */
    BATCH;

    /** The lower-case name used in price table files, e.g. {@code flex}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The price row of a synchronous call served at {@code tier}. */
    public static PriceTier of(ServiceTier tier) {
        return switch (tier) {
            case FLEX -> FLEX;
            case PRIORITY -> PRIORITY;
            case STANDARD -> STANDARD;
        };
    }
}
