package io.github.geminiimage.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one million tokens cost, in US dollars, per kind of token. Thought tokens are billed as
 * text output. Immutable.
 *
 * @param textInput text (and any other non-image) input tokens
 * @param imageInput image input tokens
 * @param textOutput text and thought output tokens
 * @param imageOutput image output tokens
 */
public record TokenRates(BigDecimal textInput, BigDecimal imageInput, BigDecimal textOutput, BigDecimal imageOutput) {

    /** Checks every rate is present and not negative. */
    public TokenRates {
        check(textInput, "textInput");
        check(imageInput, "imageInput");
        check(textOutput, "textOutput");
        check(imageOutput, "imageOutput");
    }

    /** Rates from decimal strings, e.g. {@code of("2.00", "2.00", "12.00", "120.00")}. */
    public static TokenRates of(String textInput, String imageInput, String textOutput, String imageOutput) {
        return new TokenRates(new BigDecimal(textInput), new BigDecimal(imageInput), new BigDecimal(textOutput),
                new BigDecimal(imageOutput));
    }

    /** Every rate multiplied by {@code factor} (e.g. 0.5 for batch). */
    public TokenRates times(BigDecimal factor) {
        return new TokenRates(textInput.multiply(factor), imageInput.multiply(factor), textOutput.multiply(factor),
                imageOutput.multiply(factor));
    }

    private static void check(BigDecimal rate, String name) {
        Objects.requireNonNull(rate, name);
        if (rate.signum() < 0) {
            throw new IllegalArgumentException(name + ": " + rate + " USD per million tokens is negative");
        }
    }
}
