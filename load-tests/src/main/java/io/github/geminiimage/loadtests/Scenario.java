package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import java.util.Optional;

/**
 * What the {@link LoopbackServer} does with one call, chosen by the client through the model id
 * ({@code soak-<token>-<callId>-<parameter>}), and what the call must end in. "Once" scenarios fail
 * the first attempt of a call only (the server remembers the call id), so a retry succeeds.
 */
public enum Scenario {
    /** 200 at once. */
    OK("ok", 52, Optional.empty()),
    /** 200 after a pause of {@code parameter} milliseconds before the headers. */
    SLOW("slow", 8, Optional.empty()),
    /** 200 whose body arrives in four pieces, 10 ms apart. */
    DRIBBLE("dribble", 4, Optional.empty()),
    /** 503 on the first attempt, then 200. */
    UNAVAILABLE_ONCE("s503once", 10, Optional.empty()),
    /** 429 with {@code Retry-After-Ms: parameter} on the first attempt, then 200. */
    RATE_LIMITED_ONCE("s429once", 10, Optional.empty()),
    /** The request is read, then the connection is reset (RST), on the first attempt; then 200. */
    RESET_ONCE("resetonce", 8, Optional.empty()),
    /** The request is read and no reply comes (past the inactivity timeout) on the first attempt; then 200. */
    STALL_ONCE("stallonce", 1, Optional.empty()),
    /** 503 on every attempt: the call ends in a {@link ServerErrorException}. */
    ALWAYS_UNAVAILABLE("s503always", 3, Optional.of(ServerErrorException.class)),
    /** A reset on every attempt: the call ends in a {@link TransportException}. */
    ALWAYS_RESET("resetalways", 2, Optional.of(TransportException.class)),
    /** 400 {@code INVALID_ARGUMENT}: not retried, an {@link InvalidRequestException}. */
    BAD_REQUEST("s400", 2, Optional.of(InvalidRequestException.class));

    private final String token;
    private final int weight;
    private final Optional<Class<? extends ImageGenerationException>> expectedFailure;

    Scenario(String token, int weight, Optional<Class<? extends ImageGenerationException>> expectedFailure) {
        this.token = token;
        this.weight = weight;
        this.expectedFailure = expectedFailure;
    }

    /** The word in the model id. */
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

    /** The model id that asks the server for this scenario. */
    public String modelId(long callId, int parameter) {
        return "soak-" + token + "-" + callId + "-" + parameter;
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

    /** The scenario of a token, if one has it. */
    public static Optional<Scenario> ofToken(String token) {
        for (Scenario s : values()) {
            if (s.token.equals(token)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
