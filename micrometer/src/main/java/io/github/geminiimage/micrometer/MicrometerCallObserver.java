package io.github.geminiimage.micrometer;

import io.github.geminiimage.http.CallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link CallObserver} that turns each call into Micrometer meters and, given an
 * {@link ObservationRegistry}, into one {@link Observation} (a span with a tracing bridge); Spring is
 * not needed. The meters are the constants below; their tags, and how to hand the observer to
 * {@code HttpOptions}, are in the README's "Metrics and tracing". Never a prompt, an image, a
 * message or the key. An observation stays open from a call's first attempt to its one completion
 * event, which every call gets, so none is left open. Thread-safe.
 */
public final class MicrometerCallObserver implements CallObserver {

    /** The timer of calls, and the name of each call's observation. */
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
    /** The counter of the estimated cost in US dollars of successful generations, from {@code HttpOptions.priceTable}. */
    public static final String COST = "gemini.image.cost";

    static final String NONE = "none";

    private final Optional<ObservationRegistry> observations;
    private final ConcurrentMap<Long, Observation> open = new ConcurrentHashMap<>();
    private final Meter.MeterProvider<Timer> calls;
    private final Meter.MeterProvider<Counter> attempts;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<DistributionSummary> requestBytes;
    private final Meter.MeterProvider<DistributionSummary> responseBytes;
    private final Meter.MeterProvider<Counter> tokens;
    private final Meter.MeterProvider<Counter> cost;

    private MicrometerCallObserver(Optional<ObservationRegistry> observations, MeterRegistry registry) {
        this.observations = observations;
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
        this.cost = Counter.builder(COST).baseUnit("usd")
                .description("Estimated cost of successful generations (the client's price table)").withRegistry(registry);
    }

    /** An observer recording every meter, the call timer included, into {@code registry}; no observations. */
    public static MicrometerCallObserver create(MeterRegistry registry) {
        return new MicrometerCallObserver(Optional.empty(), Objects.requireNonNull(registry, "registry"));
    }

    /**
     * An observer making one observation per call in {@code observations} (whose handlers make the
     * call timer and the spans) and recording the other meters into {@code meters}. This observer
     * then does not record {@value #CALLS} itself, so no call counts twice.
     */
    public static MicrometerCallObserver create(ObservationRegistry observations, MeterRegistry meters) {
        return new MicrometerCallObserver(Optional.of(Objects.requireNonNull(observations, "observations")),
                Objects.requireNonNull(meters, "meters"));
    }

    /**
     * An observer making one observation per call in {@code observations} only: what its handlers
     * make of them (spans, a timer) is all there is; attempts, retries, bytes and tokens are not counted.
     */
    public static MicrometerCallObserver create(ObservationRegistry observations) {
        // A composite without registries is Micrometer's own way of recording nothing.
        return create(observations, new CompositeMeterRegistry());
    }

    @Override
    public void attemptStarted(AttemptStarted event) {
        attempts.withTags(base(event.operation(), event.modelId())).increment();
        observations.ifPresent(registry -> open.computeIfAbsent(event.callId(),
                id -> start(registry, event.operation(), event.modelId())));
    }

    @Override
    public void retryScheduled(RetryScheduled event) {
        retries.withTags(base(event.operation(), event.modelId()).and("cause", typeName(event.cause()))).increment();
    }

    @Override
    public void callCompleted(CallCompleted event) {
        Tags base = base(event.operation(), event.modelId());
        String outcome = event.succeeded() ? "success" : "failure";
        String exception = event.failure().map(MicrometerCallObserver::typeName).orElse(NONE);
        String status = statusClass(event.httpStatus());
        if (observations.isPresent()) {
            Observation observation = open.remove(event.callId());
            if (observation == null) {
                observation = start(observations.get(), event.operation(), event.modelId());
            }
            observation.lowCardinalityKeyValue("outcome", outcome)
                    .lowCardinalityKeyValue("exception", exception)
                    .lowCardinalityKeyValue("status", status)
                    .highCardinalityKeyValue("attempts", Integer.toString(event.attempts()));
            event.failure().ifPresent(observation::error);
            observation.stop();
        } else {
            calls.withTags(base.and("outcome", outcome, "exception", exception, "status", status))
                    .record(event.duration());
        }
        if (event.attempts() > 0) {
            requestBytes.withTags(base).record(event.bytesSent());
            responseBytes.withTags(base).record(event.bytesReceived());
        }
        if (event.succeeded()) {
            count(base, "prompt", event.usage().promptTokens());
            count(base, "candidates", event.usage().candidatesTokens());
            count(base, "thoughts", event.usage().thoughtsTokens());
            event.cost().ifPresent(estimate -> cost.withTags(base).increment(estimate.usd().doubleValue()));
        }
    }

    /** The observations started and not yet stopped: the calls in flight. */
    int openObservations() {
        return open.size();
    }

    private static Observation start(ObservationRegistry registry, String operation, Optional<String> modelId) {
        return Observation.createNotStarted(CALLS, registry)
                .contextualName(modelId.map(model -> operation + " " + model).orElse(operation))
                .lowCardinalityKeyValue("operation", operation)
                .lowCardinalityKeyValue("model", modelId.orElse(NONE))
                .start();
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
