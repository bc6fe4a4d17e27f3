package io.github.geminiimage.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A standing answer for the generate calls that match, given to {@link GeminiEmulator#rule} or
 * {@code POST /emulator/v1/rules}: unlike a queued outcome it is not used up, and it picks its calls
 * by their prompt, so concurrent calls each get their own fault (e.g. a soak test whose calls name
 * their scenario in the prompt). A call that matches a rule is answered by the first such rule and
 * leaves the outcome queue alone; calls no rule matches get the queue, then the default image.
 *
 * @param promptContains the text the call's prompt must contain; empty for every generate call
 * @param outcome what a matching call is answered with
 * @param firstAttemptOnly only the first call with each distinct prompt matches, so a client's
 *     retry (the same request again) gets the default image: a fault that heals on retry
 * @param dribble for a {@code generateContent} reply: it goes out in four pieces, each after this
 *     pause (zero: all at once), as a slow network delivers it
 * @param discardBody whether request bodies are thrown away undecoded (see {@link #discardingBody()})
 */
public record EmulatorRule(Optional<String> promptContains, EmulatorOutcome outcome, boolean firstAttemptOnly,
        Duration dribble, boolean discardBody) {

    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException for an empty {@code promptContains}, a negative dribble
     *     pause, or {@code discardBody} with a prompt, a first-attempt limit or an outcome other
     *     than an {@code image} of fixed {@code imageBytes}
     */
    public EmulatorRule {
        Objects.requireNonNull(promptContains, "promptContains");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(dribble, "dribble");
        if (promptContains.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("promptContains: must not be empty (leave it out to match every call)");
        }
        if (dribble.isNegative()) {
            throw new IllegalArgumentException("dribble: " + dribble + " is negative");
        }
        if (discardBody && (promptContains.isPresent() || firstAttemptOnly)) {
            throw new IllegalArgumentException("discardBody: the body is not decoded, so the rule cannot look at the "
                    + "prompt (promptContains or firstAttemptOnly given)");
        }
        if (discardBody && outcome.imageBytes().isEmpty()) {
            throw new IllegalArgumentException("discardBody: needs an image outcome with imageBytes (no request is "
                    + "decoded to draw a picture for); got " + outcome.name());
        }
    }

    /** Answers every generate call with {@code outcome}. */
    public static EmulatorRule always(EmulatorOutcome outcome) {
        return new EmulatorRule(Optional.empty(), outcome, false, Duration.ZERO, false);
    }

    /**
     * Answers the generate calls whose prompt contains {@code text} with {@code outcome}.
     *
     * @throws IllegalArgumentException if {@code text} is empty
     */
    public static EmulatorRule whenPromptContains(String text, EmulatorOutcome outcome) {
        return new EmulatorRule(Optional.of(Objects.requireNonNull(text, "text")), outcome, false, Duration.ZERO, false);
    }

    /** This rule for the first call with each distinct prompt only: a retry gets the default image. */
    public EmulatorRule onFirstAttemptOnly() {
        return new EmulatorRule(promptContains, outcome, true, dribble, discardBody);
    }

    /** This rule with {@code generateContent} replies sent in four pieces, each after {@code pause}. */
    public EmulatorRule dribbled(Duration pause) {
        return new EmulatorRule(promptContains, outcome, firstAttemptOnly, pause, discardBody);
    }

    /**
     * This rule with request bodies discarded undecoded: every {@code generateContent} call is
     * answered with one reply prepared per model (no validation, no prompt or images in the request
     * log), for load tests whose bodies are too large to decode at the rate they are sent. Only with
     * an {@code image} outcome of a fixed {@code imageBytes} and without {@code promptContains}; such
     * a rule answers every {@code generateContent} call, whatever rules came before it.
     *
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public EmulatorRule discardingBody() {
        return new EmulatorRule(promptContains, outcome, firstAttemptOnly, dribble, true);
    }
}
