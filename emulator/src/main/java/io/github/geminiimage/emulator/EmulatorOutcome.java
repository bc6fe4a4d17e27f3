package io.github.geminiimage.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the emulator answers one generate call with, queued by {@link GeminiEmulator#enqueue} or
 * {@code POST /emulator/v1/outcomes}. The names are those of the command line's
 * {@code --fake-outcome}: {@code image}, {@code text-only}, {@code prompt-blocked},
 * {@code image-safety}, {@code no-image}, {@code rate-limited}, {@code server-error},
 * {@code timeout}, {@code transport-failure}, {@code authentication-failed},
 * {@code permission-denied}, {@code model-not-found}, {@code invalid-request},
 * {@code malformed-response}, {@code response-too-large}, {@code grounded} (an image with the
 * {@code groundingMetadata} the request's grounding asks for), {@code continuation} (the reply stops
 * with {@code CONTINUATION} and a token after a text piece; the same request sent again with the
 * token gets the image).
 *
 * @param name the outcome's name, lowercase with dashes
 * @param retryAfter for {@code rate-limited}: the delay put in {@code RetryInfo.retryDelay}
 *     (34.4 s when not given, as in Google's recorded 429)
 * @param delay how long the emulator waits before it answers
 */
public record EmulatorOutcome(String name, Optional<Duration> retryAfter, Duration delay) {

    /** Every outcome name, in the order of the command line's {@code --fake-outcome}. */
    public static final List<String> NAMES = List.of("image", "text-only", "prompt-blocked", "image-safety", "no-image",
            "rate-limited", "server-error", "timeout", "transport-failure", "authentication-failed", "permission-denied",
            "model-not-found", "invalid-request", "malformed-response", "response-too-large", "grounded",
            "continuation");

    /**
     * Checks the name and the parameters.
     *
     * @throws IllegalArgumentException for an unknown name, a negative delay, or a retry delay on
     *     another outcome than {@code rate-limited}
     */
    public EmulatorOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(delay, "delay");
        name = normal(name);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("outcome: \"" + name + "\" is not one of " + String.join(", ", NAMES));
        }
        if (retryAfter.isPresent() && !name.equals("rate-limited")) {
            throw new IllegalArgumentException("retryAfter: only rate-limited takes a retry delay; got it on " + name);
        }
        if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
            throw new IllegalArgumentException("retryAfter: " + retryAfter.get() + " is negative");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " is negative");
        }
    }

    /**
     * The outcome with this name (case-insensitive, {@code -} or {@code _}), answered at once.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static EmulatorOutcome of(String name) {
        return new EmulatorOutcome(name, Optional.empty(), Duration.ZERO);
    }

    /** This outcome with the retry delay of a {@code rate-limited} answer. */
    public EmulatorOutcome withRetryAfter(Duration retryDelay) {
        return new EmulatorOutcome(name, Optional.of(retryDelay), delay);
    }

    /** This outcome, answered after {@code wait}. */
    public EmulatorOutcome after(Duration wait) {
        return new EmulatorOutcome(name, retryAfter, wait);
    }

    private static String normal(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
