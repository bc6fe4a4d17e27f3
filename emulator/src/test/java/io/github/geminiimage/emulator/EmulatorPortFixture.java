package io.github.geminiimage.emulator;

import io.github.geminiimage.domain.AuthenticationException;
import io.github.geminiimage.domain.GenerationTimeoutException;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.MalformedResponseException;
import io.github.geminiimage.domain.NotFoundException;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.PermissionDeniedException;
import io.github.geminiimage.domain.RateLimitedException;
import io.github.geminiimage.domain.ResponseTooLargeException;
import io.github.geminiimage.domain.ServerErrorException;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.HttpPortFactory;
import io.github.geminiimage.tck.ImageGenerationPortContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The image-generation contract's fixture over the emulator: one emulator per port, answering
 * every call with one outcome ({@link GeminiEmulator#always}), through the adapter's public builder.
 */
final class EmulatorPortFixture implements ImageGenerationPortContract.PortFixture {

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

    private final HttpPortFactory factory;
    private final List<GeminiEmulator> emulators = new ArrayList<>();
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    EmulatorPortFixture(HttpPortFactory factory) {
        this.factory = factory;
    }

    @Override
    public ImageGenerationPort portReturning(Outcome outcome) {
        String name = switch (outcome) {
            case IMAGE -> "image";
            case TEXT_ONLY -> "text-only";
            case PROMPT_BLOCKED -> "prompt-blocked";
            case CANDIDATE_BLOCKED -> "image-safety";
            case NO_IMAGE -> "no-image";
        };
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

    @Override
    public ImageGenerationPort portAnsweringAfter(Duration delay) {
        return port(EmulatorOutcome.of("image").after(delay), delay.plusSeconds(10), 64L << 20);
    }

    private synchronized ImageGenerationPort port(EmulatorOutcome outcome, Duration deadline, long maxResponse) {
        GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start().always(outcome);
        emulators.add(emulator);
        HttpOptions options = HttpOptions.builder().baseUri(emulator.baseUri()).connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(Duration.ofSeconds(20)).overallDeadline(deadline).retryPolicy(RetryPolicy.noRetries())
                .maxResponseBytes(maxResponse).build();
        ImageGenerationPort port = factory.create(KEY, options);
        ports.add(port);
        return port;
    }

    @Override
    public synchronized void close() {
        ports.forEach(ImageGenerationPort::close);
        emulators.forEach(GeminiEmulator::close);
    }
}
