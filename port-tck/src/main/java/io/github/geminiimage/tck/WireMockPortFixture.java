package io.github.geminiimage.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
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
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.wire.ErrorEnvelope;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ImageGenerationPortContract.PortFixture} of HTTP adapters: one WireMock server on a
 * loopback port; each port it makes gets its own path prefix in its base URI, and the server answers
 * that prefix with the scripted reply (a recorded reply per outcome, an error status or a fault
 * per exception type). Ports use short timeouts and one attempt, so failures come at once.
 */
public final class WireMockPortFixture extends HttpPortFixture {

    private static final String KEY = TckSecrets.SENTINEL_KEY;
    private static final long MAX_RESPONSE_BYTES = 8 * 1024;

    private final HttpPortFactory factory;
    private final WireMockServer server;
    private final AtomicInteger prefixes = new AtomicInteger();
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    /** Starts the server; {@code factory} makes the adapter's port. */
    public WireMockPortFixture(HttpPortFactory factory) {
        this.factory = factory;
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(20).disableRequestJournal());
        server.start();
    }

    @Override
    public ImageGenerationPort portReturning(Outcome outcome) {
        return port(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(RecordedReplies.forOutcome(outcome)), Duration.ofSeconds(10));
    }

    @Override
    public ImageGenerationPort portFailingWith(Class<? extends ImageGenerationException> type) {
        Map<Class<? extends ImageGenerationException>, ResponseDefinitionBuilder> replies = Map.of(
                InvalidRequestException.class, json(400, RecordedReplies.load("error-400.json")),
                AuthenticationException.class, json(401, RecordedReplies.load("error-401-proxy.json")),
                PermissionDeniedException.class, json(403, googleError(403, "PERMISSION_DENIED", "denied")),
                NotFoundException.class, json(404, googleError(404, "NOT_FOUND", "models/x is not found")),
                RateLimitedException.class, json(429, RecordedReplies.load("error-429-retry-info.json")),
                ServerErrorException.class, json(503, googleError(503, "UNAVAILABLE", "overloaded")),
                GenerationTimeoutException.class, json(200, RecordedReplies.forOutcome(Outcome.IMAGE)).withFixedDelay(3000),
                TransportException.class, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                MalformedResponseException.class, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Bad gateway</body></html>"),
                ResponseTooLargeException.class, json(200, new byte[(int) MAX_RESPONSE_BYTES * 4]));
        ResponseDefinitionBuilder reply = replies.get(type);
        if (reply == null) {
            throw new IllegalArgumentException("no script for " + type.getName());
        }
        return port(reply, Duration.ofMillis(type == GenerationTimeoutException.class ? 500 : 10_000));
    }

    private static ResponseDefinitionBuilder json(int status, byte[] body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static byte[] googleError(int code, String status, String message) {
        return ErrorEnvelope.of(code, status, message).toJson();
    }

    private ImageGenerationPort port(ResponseDefinitionBuilder reply, Duration deadline) {
        String prefix = "/p" + prefixes.incrementAndGet();
        server.stubFor(post(urlPathMatching(prefix + "/.*")).willReturn(reply));
        return port(URI.create(server.baseUrl() + prefix), deadline);
    }

    @Override
    protected ImageGenerationPort port(URI base, Duration deadline) {
        HttpOptions options = HttpOptions.builder()
                .baseUri(base)
                .connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(Duration.ofSeconds(10))
                .overallDeadline(deadline)
                .retryPolicy(RetryPolicy.noRetries())
                .maxResponseBytes(MAX_RESPONSE_BYTES)
                .build();
        ImageGenerationPort port = factory.create(KEY, options);
        synchronized (ports) {
            ports.add(port);
        }
        return port;
    }

    @Override
    public void close() {
        synchronized (ports) {
            for (ImageGenerationPort port : ports) {
                port.close();
            }
            ports.clear();
        }
        try {
            super.close();
        } finally {
            server.stop();
        }
    }
}
