package io.github.geminiimage.micrometer;

import io.github.geminiimage.http.CallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link CallObserver} that turns the HTTP port's events into Micrometer meters, for any
 * {@link MeterRegistry} (Spring not needed):
 *
 * <pre>{@code
 * ImageGenerationPort images = JdkHttpImageGeneration.builder().apiKey(key)
 *         .options(HttpOptions.builder().observer(MicrometerCallObserver.create(registry)).build())
 *         .build();
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@value #CALLS}</td><td>timer</td><td>operation, model, outcome, exception, status</td>
 *     <td>one sample per call, its whole duration (every attempt and wait)</td></tr>
 * <tr><td>{@value #ATTEMPTS}</td><td>counter</td><td>operation, model</td><td>attempts started</td></tr>
 * <tr><td>{@value #RETRIES}</td><td>counter</td><td>operation, model, cause</td><td>retries scheduled, by the
 *     failure that caused them</td></tr>
 * <tr><td>{@value #REQUEST_BYTES}, {@value #RESPONSE_BYTES}</td><td>summary (bytes)</td><td>operation,
 *     model</td><td>bytes sent and received per call, all attempts</td></tr>
 * <tr><td>{@value #TOKENS}</td><td>counter</td><td>operation, model, type (prompt, candidates,
 *     thoughts)</td><td>tokens reported by successful calls</td></tr>
 * </table>
 *
 * <p>Tag values: {@code outcome} is {@code success} or {@code failure}; {@code exception} is the
 * simple name of the failure's type ({@code RateLimitedException}, ...) or {@code none};
 * {@code status} is the class of the last HTTP status ({@code 2xx} ... {@code 5xx}) or {@code none}
 * when no reply arrived; {@code model} is the model id or {@code none}. Nothing else of a call is
 * recorded: no prompt, no image, no key, no message.
 *
 * <p>The observer's events carry no call identity and may arrive on different threads (an
 * asynchronous call's attempts run on pool threads), so the timer is recorded once, from the
 * duration the completion event reports, rather than from a sample started at the first attempt.
 * Thread-safe; every callback is a few map lookups.
 */
public final class MicrometerCallObserver implements CallObserver {

    /** The timer of calls. */
    public static final String CALLS = "gemini.image.calls";
    /** The counter of attempts started. */
    public static final String ATTEMPTS = "gemini.image.attempts";
    /** The counter of retries scheduled. */
    public static final String RETRIES = "gemini.image.retries";
    /** The summary of request bytes per call. */
    public static final String REQUEST_BYTES = "gemini.image.request.size";
    /** The summary of reply bytes per call. */
    public static final String RESPONSE_BYTES = "gemini.image.response.size";
    /** The counter of tokens. */
    public static final String TOKENS = "gemini.image.tokens";

    static final String NONE = "none";

    private final Meter.MeterProvider<Timer> calls;
    private final Meter.MeterProvider<Counter> attempts;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<DistributionSummary> requestBytes;
    private final Meter.MeterProvider<DistributionSummary> responseBytes;
    private final Meter.MeterProvider<Counter> tokens;

    private MicrometerCallObserver(MeterRegistry registry) {
        this.calls = Timer.builder(CALLS).description("Calls to the Gemini image API, all attempts included")
                .withRegistry(registry);
        this.attempts = Counter.builder(ATTEMPTS).description("HTTP attempts started").withRegistry(registry);
        this.retries = Counter.builder(RETRIES).description("Retries scheduled, by the failure that caused them")
                .withRegistry(registry);
        this.requestBytes = DistributionSummary.builder(REQUEST_BYTES).baseUnit("bytes")
                .description("Request bytes sent per call").withRegistry(registry);
        this.responseBytes = DistributionSummary.builder(RESPONSE_BYTES).baseUnit("bytes")
                .description("Reply bytes received per call").withRegistry(registry);
        this.tokens = Counter.builder(TOKENS).baseUnit("tokens").description("Tokens reported by successful calls")
                .withRegistry(registry);
    }

    /** An observer recording into {@code registry}. */
    public static MicrometerCallObserver create(MeterRegistry registry) {
        return new MicrometerCallObserver(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void attemptStarted(AttemptStarted event) {
        attempts.withTags(base(event.operation(), event.modelId())).increment();
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        retries.withTags(base(event.operation(), event.modelId()).and("cause", typeName(event.cause()))).increment();
    }

    @Override
    public void callCompleted(CallCompleted event) {
        Tags base = base(event.operation(), event.modelId());
        calls.withTags(base.and("outcome", event.succeeded() ? "success" : "failure",
                        "exception", event.failure().map(MicrometerCallObserver::typeName).orElse(NONE),
                        "status", statusClass(event.httpStatus())))
                .record(event.duration());
        if (event.attempts() > 0) {
            requestBytes.withTags(base).record(event.bytesSent());
            responseBytes.withTags(base).record(event.bytesReceived());
        }
        if (event.succeeded()) {
            count(base, "prompt", event.usage().promptTokens());
            count(base, "candidates", event.usage().candidatesTokens());
            count(base, "thoughts", event.usage().thoughtsTokens());
        }
    }

    private void count(Tags base, String type, long amount) {
        if (amount > 0) {
            tokens.withTags(base.and("type", type)).increment(amount);
        }
    }

    private static Tags base(String operation, Optional<String> modelId) {
        return Tags.of("operation", operation, "model", modelId.orElse(NONE));
    }

    static String statusClass(OptionalInt status) {
        if (status.isEmpty() || status.getAsInt() < 100 || status.getAsInt() > 599) {
            return NONE;
        }
        return status.getAsInt() / 100 + "xx";
    }

    static String typeName(Throwable failure) {
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }

    @Override
    public String toString() {
        return "MicrometerCallObserver";
    }
}
