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
import io.github.geminiimage.tck.HttpPortFactory;
import io.github.geminiimage.tck.ImageGenerationPortContract;
import io.github.geminiimage.tck.RawHttpServer;
import io.github.geminiimage.tck.RecordedReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The image-generation contract's fixture over the emulator: one emulator per port, answering
 * every call with one outcome ({@link GeminiEmulator#always}), through the adapter's public builder.
 */
public final class EmulatorPortFixture implements ImageGenerationPortContract.PortFixture {

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
    private final List<RawHttpServer> rawServers = new ArrayList<>();
    private final Object counters = new Object();
    private final AtomicInteger heldRequests = new AtomicInteger();
    private final AtomicInteger abortedRequests = new AtomicInteger();

    /** A fixture whose ports {@code factory} builds, each against an emulator of its own. */
    public EmulatorPortFixture(HttpPortFactory factory) {
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
            case INCOMPLETE -> "continuation";
        };
        if (outcome == Outcome.INCOMPLETE) {
            // The emulator finishes on the request with the token: a client that does not continue stops before it.
            GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start().always(EmulatorOutcome.of(name));
            synchronized (this) {
                emulators.add(emulator);
            }
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
     * A port whose calls reach a raw loopback server that holds each request for {@code delay}. The
     * emulator cannot see a client hang up while it waits, so the calls the cancellation test must
     * watch go to a server that can: it counts each request held and each connection closed by the
     * client before the answer.
     */
    @Override
    public ImageGenerationPort portAnsweringAfter(Duration delay) {
        RawHttpServer held;
        try {
            held = RawHttpServer.start(c -> {
                if (c.readRequest().isEmpty()) {
                    return;
                }
                signal(heldRequests);
                if (c.awaitPeerClose(delay.toMillis())) {
                    signal(abortedRequests);
                } else {
                    c.reply(200, "application/json", RecordedReplies.forOutcome(Outcome.IMAGE));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            rawServers.add(held);
        }
        return port(held.baseUri(), delay.plusSeconds(10), 64L << 20);
    }

    @Override
    public boolean awaitAnsweringCallsArrived(int count, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> heldRequests.get() >= count, timeout);
    }

    @Override
    public boolean awaitAnsweringCallsAborted(Duration timeout) throws InterruptedException {
        return awaitUntil(() -> heldRequests.get() > 0 && abortedRequests.get() >= heldRequests.get(), timeout);
    }

    private void signal(AtomicInteger counter) {
        counter.incrementAndGet();
        synchronized (counters) {
            counters.notifyAll();
        }
    }

    private boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (counters) {
            while (!condition.getAsBoolean()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                counters.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private synchronized ImageGenerationPort port(EmulatorOutcome outcome, Duration deadline, long maxResponse) {
        GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start().always(outcome);
        emulators.add(emulator);
        return port(emulator.baseUri(), deadline, maxResponse);
    }

    private synchronized ImageGenerationPort port(URI baseUri, Duration deadline, long maxResponse) {
        return port(baseUri, HttpOptions.builder(), deadline, maxResponse);
    }

    private synchronized ImageGenerationPort port(URI baseUri, HttpOptions.Builder builder, Duration deadline,
            long maxResponse) {
        HttpOptions options = builder.baseUri(baseUri).connectTimeout(Duration.ofSeconds(2))
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
        for (RawHttpServer raw : rawServers) {
            try {
                raw.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
