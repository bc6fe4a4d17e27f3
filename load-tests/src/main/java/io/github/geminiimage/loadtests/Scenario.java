package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.EmulatorRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the emulator does with one soak call, and what the call must end in. The client names the
 * scenario in the prompt ({@link #promptTag}); {@link #rules} are the emulator's standing rules that
 * answer each tag. "Once" scenarios fail the first attempt of a call only (each call's prompt is its
 * own, and the emulator's first-attempt rules remember prompts), so a retry succeeds.
 */
public enum Scenario {
    /** 200 at once. */
    OK("ok", 52, Optional.empty()),
    /** 200 after a pause of {@value #SLOW_MILLIS} ms before the headers. */
    SLOW("slow", 8, Optional.empty()),
    /** 200 whose body arrives in four pieces, {@value #DRIBBLE_MILLIS} ms apart. */
    DRIBBLE("dribble", 4, Optional.empty()),
    /** 503 {@code UNAVAILABLE} on the first attempt, then 200. */
    UNAVAILABLE_ONCE("s503once", 10, Optional.empty()),
    /** 429 with a {@code RetryInfo} delay of {@value #RETRY_AFTER_MILLIS} ms on the first attempt, then 200. */
    RATE_LIMITED_ONCE("s429once", 10, Optional.empty()),
    /** The request is read, then the connection is closed without a reply, on the first attempt; then 200. */
    RESET_ONCE("resetonce", 8, Optional.empty()),
    /** The request is read and no reply comes before the inactivity timeout on the first attempt; then 200. */
    STALL_ONCE("stallonce", 1, Optional.empty()),
    /** 503 on every attempt: the call ends in a {@link ServerErrorException}. */
    ALWAYS_UNAVAILABLE("s503always", 3, Optional.of(ServerErrorException.class)),
    /** The connection closed without a reply on every attempt: the call ends in a {@link TransportException}. */
    ALWAYS_RESET("resetalways", 2, Optional.of(TransportException.class)),
    /** 400 {@code INVALID_ARGUMENT}: not retried, an {@link InvalidRequestException}. */
    BAD_REQUEST("s400", 2, Optional.of(InvalidRequestException.class));

    static final long SLOW_MILLIS = 100;
    static final long DRIBBLE_MILLIS = 10;
    static final long RETRY_AFTER_MILLIS = 3;
    /** Well past the soak's inactivity timeout: the client gives up first. */
    static final long STALL_MILLIS = 3_000;

    private final String token;
    private final int weight;
    private final Optional<Class<? extends ImageGenerationException>> expectedFailure;

    Scenario(String token, int weight, Optional<Class<? extends ImageGenerationException>> expectedFailure) {
        this.token = token;
        this.weight = weight;
        this.expectedFailure = expectedFailure;
    }

    /** The word in the prompt's tag. */
    public String token() {
        return token;
    }

    /** The share of soak calls, in percent (the weights add up to 100). */
    public int weight() {
        return weight;
    }

    /** The exception the call must end in, or empty when it must succeed. */
    public Optional<Class<? extends ImageGenerationException>> expectedFailure() {
        return expectedFailure;
    }

    /** The text in a call's prompt that asks the emulator for this scenario, e.g. {@code [soak:s503once]}. */
    public String promptTag() {
        return "[soak:" + token + "]";
    }

    /** The prompt of call {@code callId}: its own text (first-attempt rules tell calls apart by it) and the tag. */
    public String prompt(long callId) {
        return "Make the sky orange (call " + callId + ") " + promptTag();
    }

    /**
     * The emulator's rules for every scenario, then one that answers everything else (the {@code OK}
     * calls and the retries that heal) with an image of {@code replyImageBytes}.
     */
    public static List<EmulatorRule> rules(int replyImageBytes) {
        EmulatorOutcome image = EmulatorOutcome.of("image").withImageBytes(replyImageBytes);
        List<EmulatorRule> rules = new ArrayList<>();
        for (Scenario s : values()) {
            Optional<EmulatorRule> rule = switch (s) {
                case OK -> Optional.empty();
                case SLOW -> Optional.of(s.when(image.after(Duration.ofMillis(SLOW_MILLIS))));
                case DRIBBLE -> Optional.of(s.when(image).dribbled(Duration.ofMillis(DRIBBLE_MILLIS)));
                case UNAVAILABLE_ONCE -> Optional.of(s.when(EmulatorOutcome.of("server-error")).onFirstAttemptOnly());
                case RATE_LIMITED_ONCE -> Optional.of(s.when(EmulatorOutcome.of("rate-limited")
                        .withRetryAfter(Duration.ofMillis(RETRY_AFTER_MILLIS))).onFirstAttemptOnly());
                case RESET_ONCE -> Optional.of(s.when(EmulatorOutcome.of("transport-failure")).onFirstAttemptOnly());
                case STALL_ONCE -> Optional.of(s.when(image.after(Duration.ofMillis(STALL_MILLIS))).onFirstAttemptOnly());
                case ALWAYS_UNAVAILABLE -> Optional.of(s.when(EmulatorOutcome.of("server-error")));
                case ALWAYS_RESET -> Optional.of(s.when(EmulatorOutcome.of("transport-failure")));
                case BAD_REQUEST -> Optional.of(s.when(EmulatorOutcome.of("invalid-request")));
            };
            rule.ifPresent(rules::add);
        }
        rules.add(EmulatorRule.always(image));
        return List.copyOf(rules);
    }

    private EmulatorRule when(EmulatorOutcome outcome) {
        return EmulatorRule.whenPromptContains(promptTag(), outcome);
    }

    /** The scenario for {@code percentile} in [0, 100), by the weights in declaration order. */
    public static Scenario pick(int percentile) {
        int sum = 0;
        for (Scenario s : values()) {
            sum += s.weight;
            if (percentile < sum) {
                return s;
            }
        }
        throw new IllegalArgumentException("percentile must be in [0, 100); got " + percentile);
    }
}
