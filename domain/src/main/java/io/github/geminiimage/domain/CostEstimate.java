package io.github.geminiimage.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * An estimated cost in US dollars, computed from the reply's token counts and a {@link PriceTable}.
 * An estimate, not a bill: Google's invoice is the truth. Immutable.
 *
 * @param usd the amount in US dollars, exact (not rounded)
 * @param priceTable the date of the price table it was computed with
 */
public record CostEstimate(BigDecimal usd, LocalDate priceTable) {

    /** Checks the values are present and the amount is not negative. */
    public CostEstimate {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(priceTable, "priceTable");
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("usd: " + usd + " is negative");
        }
    }

    /** The sum of two estimates; the later price table date is kept. */
    public CostEstimate plus(CostEstimate other) {
        return new CostEstimate(usd.add(other.usd),
                priceTable.isAfter(other.priceTable) ? priceTable : other.priceTable);
    }

    /** The sum of {@code estimates} (e.g. over a batch); empty when there are none. */
    public static Optional<CostEstimate> sum(Collection<CostEstimate> estimates) {
        return estimates.stream().reduce(CostEstimate::plus);
    }

    /** The amount rounded to {@code decimals} places, as plain text, e.g. {@code 0.1382}. */
    public String usdText(int decimals) {
        return usd.setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @Override
    public String toString() {
        return "~$" + usdText(4) + " (prices of " + priceTable + ")";
    }
}
