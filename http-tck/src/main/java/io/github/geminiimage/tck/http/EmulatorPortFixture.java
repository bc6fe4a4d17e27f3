package io.github.geminiimage.tck.http;

import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.HttpPortFixture;
import io.github.geminiimage.tck.HttpPortFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The image-generation contract's fixture over the emulator: one emulator per port, answering
 * every call with one outcome ({@link GeminiEmulator#always}), through the adapter's public builder.
 */
public final class EmulatorPortFixture extends HttpPortFixture {

    private static final String KEY = "contract-key";
    private static final Map<Class<? extends ImageGenerationException>, String> OUTCOMES = Map.of(
            InvalidRequestException.class, "invalid-request",
            AuthenticationException.class, "authentication-failed",
            PermissionDeniedException.class, "permission-denied",
            NotFoundException.class, "model-not-found",
            RateLimitedException.class, "rate-limited",
            ServerErrorException.class, "server-error",
            TransportException.class, "transport-failure",
            MalformedResponseException.class, "malformed-response",
            ResponseTooLargeException.class, "response-too-large");

    private final EmulatorPorts made;

    /** A fixture whose ports {@code factory} builds, each against an emulator of its own. */
    public EmulatorPortFixture(HttpPortFactory factory) {
        this.made = new EmulatorPorts(factory, KEY);
    }

    @Override
    public ImageGenerationPort portReturning(Outcome outcome) {
        String name = switch (outcome) {
            case IMAGE -> "image";
            case TEXT_ONLY -> "text-only";
            case PROMPT_BLOCKED -> "prompt-blocked";
            case CANDIDATE_BLOCKED -> "image-safety";
            case NO_IMAGE -> "no-image";
            case INCOMPLETE -> "continuation";
        };
        if (outcome == Outcome.INCOMPLETE) {
            // The emulator finishes on the request with the token: a client that does not continue stops before it.
            GeminiEmulator emulator = made.startEmulator().always(EmulatorOutcome.of(name));
            return port(emulator.baseUri(), HttpOptions.builder().maxContinuations(0), Duration.ofSeconds(20), 64L << 20);
        }
        return port(EmulatorOutcome.of(name), Duration.ofSeconds(20), 64L << 20);
    }

    @Override
    public ImageGenerationPort portFailingWith(Class<? extends ImageGenerationException> type) {
        if (type == GenerationTimeoutException.class) {
            // The server is slower than the client's deadline.
            return port(EmulatorOutcome.of("image").after(Duration.ofSeconds(5)), Duration.ofMillis(500), 64L << 20);
        }
        String name = OUTCOMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no outcome for " + type.getName());
        }
        EmulatorOutcome outcome = EmulatorOutcome.of(name);
        if (type == RateLimitedException.class) {
            outcome = outcome.withRetryAfter(Duration.ofMillis(100));
        }
        return port(outcome, Duration.ofSeconds(20), type == ResponseTooLargeException.class ? 1L << 20 : 64L << 20);
    }

    /**
     * A port to {@code baseUri}; {@link #portAnsweringAfter}'s go to a raw server rather than an
     * emulator because the emulator cannot see a client hang up while it holds a request.
     */
    @Override
    protected ImageGenerationPort port(URI baseUri, Duration deadline) {
        return port(baseUri, deadline, 64L << 20);
    }

    private ImageGenerationPort port(EmulatorOutcome outcome, Duration deadline, long maxResponse) {
        GeminiEmulator emulator = made.startEmulator().always(outcome);
        return port(emulator.baseUri(), deadline, maxResponse);
    }

    private ImageGenerationPort port(URI baseUri, Duration deadline, long maxResponse) {
        return port(baseUri, HttpOptions.builder(), deadline, maxResponse);
    }

    private ImageGenerationPort port(URI baseUri, HttpOptions.Builder builder, Duration deadline,
            long maxResponse) {
        HttpOptions options = builder.baseUri(baseUri).connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(Duration.ofSeconds(20)).overallDeadline(deadline).retryPolicy(RetryPolicy.noRetries())
                .maxResponseBytes(maxResponse).build();
        return made.port(options);
    }

    @Override
    public void close() {
        try {
            made.close();
        } finally {
            super.close();
        }
    }
}
