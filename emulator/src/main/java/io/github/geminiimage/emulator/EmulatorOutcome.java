package io.github.geminiimage.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the emulator answers one generate call with, queued by {@link GeminiEmulator#enqueue} or
 * {@code POST /emulator/v1/outcomes}; the names, those of the command line's {@code --fake-outcome},
 * are listed on {@link #of}.
 *
 * @param name the outcome's name, lowercase with dashes
 * @param retryAfter for {@code rate-limited}: the delay put in {@code RetryInfo.retryDelay}
 *     (34.4 s when not given, as in Google's recorded 429)
 * @param delay how long the emulator waits before it answers
 * @param imageBytes for {@code image}: the reply carries a PNG of exactly this many bytes (a valid
 *     header, then noise) instead of a drawn picture, e.g. for load tests that need replies of a
 *     known, realistic size; empty for the drawn picture
 */
public record EmulatorOutcome(String name, Optional<Duration> retryAfter, Duration delay, Optional<Integer> imageBytes) {

    /** The fewest bytes of an {@link #imageBytes} PNG: its signature and header chunk. */
    public static final int MIN_IMAGE_BYTES = 33;
    /** The most bytes of an {@link #imageBytes} PNG (64 MiB, a client's default reply cap). */
    public static final int MAX_IMAGE_BYTES = 64 * 1024 * 1024;

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
        Objects.requireNonNull(imageBytes, "imageBytes");
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
        if (imageBytes.isPresent() && !name.equals("image")) {
            throw new IllegalArgumentException("imageBytes: only image takes an image size; got it on " + name);
        }
        if (imageBytes.isPresent() && (imageBytes.get() < MIN_IMAGE_BYTES || imageBytes.get() > MAX_IMAGE_BYTES)) {
            throw new IllegalArgumentException("imageBytes: " + imageBytes.get() + " is not " + MIN_IMAGE_BYTES + " to "
                    + MAX_IMAGE_BYTES);
        }
    }

    /**
     * An outcome without an image size.
     *
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public EmulatorOutcome(String name, Optional<Duration> retryAfter, Duration delay) {
        this(name, retryAfter, delay, Optional.empty());
    }

    /**
     * The outcome with this name (case-insensitive, {@code -} or {@code _}), answered at once:
     * {@code image}, {@code text-only}, {@code prompt-blocked}, {@code image-safety},
     * {@code no-image}, {@code rate-limited}, {@code server-error}, {@code timeout},
     * {@code transport-failure}, {@code authentication-failed}, {@code permission-denied},
     * {@code model-not-found}, {@code invalid-request}, {@code malformed-response},
     * {@code response-too-large}, {@code grounded} (an image with the {@code groundingMetadata} the
     * request's grounding asks for), {@code continuation} (the reply stops with {@code CONTINUATION}
     * and a token after a text piece; the same request sent again with the token gets the image).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static EmulatorOutcome of(String name) {
        return new EmulatorOutcome(name, Optional.empty(), Duration.ZERO);
    }

    /** This outcome with the retry delay of a {@code rate-limited} answer. */
    public EmulatorOutcome withRetryAfter(Duration retryDelay) {
        return new EmulatorOutcome(name, Optional.of(retryDelay), delay, imageBytes);
    }

    /** This outcome, answered after {@code wait}. */
    public EmulatorOutcome after(Duration wait) {
        return new EmulatorOutcome(name, retryAfter, wait, imageBytes);
    }

    /**
     * This {@code image} outcome with a PNG of exactly {@code bytes} bytes instead of a drawn picture.
     *
     * @throws IllegalArgumentException on another outcome, or for a size outside
     *     {@value #MIN_IMAGE_BYTES} to {@value #MAX_IMAGE_BYTES}
     */
    public EmulatorOutcome withImageBytes(int bytes) {
        return new EmulatorOutcome(name, retryAfter, delay, Optional.of(bytes));
    }

    private static String normal(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
