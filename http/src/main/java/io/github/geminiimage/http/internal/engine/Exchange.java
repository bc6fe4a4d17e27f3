package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One kind of call described as data: what it is called (for the observer), the model it is about,
 * how to build its request, how to read its reply. All an endpoint writes; the engine does the rest.
 *
 * @param operation the name observers see, e.g. {@code generateContent}, {@code files.upload}
 * @param modelId the model the call is about, when it is about one
 * @param request builds the request once per call, before any I/O; may throw an
 *     {@link ImageGenerationException} (e.g. a body over the size limit), which ends the call with
 *     0 attempts
 * @param reader reads a 2xx reply into the result
 * @param usage the token usage a result reports, for the observer
 * @param explain adds what the endpoint knows to a failure (e.g. that a model is retired)
 * @param policy how the engine runs this call: attempts, reply cap, deadline (the client's by default)
 * @param <T> the result
 */
public record Exchange<T>(String operation, Optional<String> modelId, Supplier<RequestSpec> request,
        ReplyReader<T> reader, Function<T, Usage> usage, UnaryOperator<ImageGenerationException> explain,
        Policy policy) {

    /** How many times the engine may send a call. */
    public enum Attempts {
        /** As the client's {@code RetryPolicy} says. */
        NORMAL,
        /** Once; the caller recovers (an upload chunk, whose flow asks the server what it holds). */
        SINGLE,
        /** Once, not even after a refused token: the server acts on each copy (a batch create makes a job). */
        NEVER_RETRIED
    }

    /**
     * The policy of one call, read by the one engine of a client.
     *
     * @param attempts how many times it may be sent
     * @param replyCap the cap on a 2xx reply body when it is not {@code HttpOptions.maxResponseBytes}
     *     (a file download streams gigabytes to disk); error bodies keep the client's cap
     * @param deadline the overall deadline when it is not {@code HttpOptions.overallDeadline}
     * @param retry the retry policy when it is not {@code HttpOptions.retryPolicy} (a flex call's)
     */
    public record Policy(Attempts attempts, OptionalLong replyCap, Optional<Duration> deadline, Optional<RetryPolicy> retry) {
        /** The client's settings, unchanged. */
        public static final Policy NORMAL = new Policy(Attempts.NORMAL, OptionalLong.empty(), Optional.empty());

        /** Checks for nulls. */
        public Policy {
            Objects.requireNonNull(attempts, "attempts");
            Objects.requireNonNull(replyCap, "replyCap");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(retry, "retry");
        }

        /** A policy with the client's retry policy. */
        public Policy(Attempts attempts, OptionalLong replyCap, Optional<Duration> deadline) {
            this(attempts, replyCap, deadline, Optional.empty());
        }
    }

    /** Checks for nulls. */
    public Exchange {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(explain, "explain");
        Objects.requireNonNull(policy, "policy");
    }

    /** An exchange whose results report no usage and whose failures need no explanation. */
    public static <T> Exchange<T> of(String operation, Optional<String> modelId, Supplier<RequestSpec> request,
            ReplyReader<T> reader) {
        return new Exchange<>(operation, modelId, request, reader, result -> Usage.NONE, UnaryOperator.identity(),
                Policy.NORMAL);
    }

    /** This exchange with results reporting {@code usage}. */
    public Exchange<T> withUsage(Function<T, Usage> usage) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain, policy);
    }

    /** This exchange with failures explained by {@code explain}. */
    public Exchange<T> withExplanation(UnaryOperator<ImageGenerationException> explain) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain, policy);
    }

    /** This exchange with another cap on its 2xx reply body, e.g. a download's {@code Long.MAX_VALUE}. */
    public Exchange<T> withReplyCap(long maxBytes) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain,
                new Policy(policy.attempts(), OptionalLong.of(maxBytes), policy.deadline(), policy.retry()));
    }

    /** This exchange sent as {@code attempts} says. */
    public Exchange<T> withAttempts(Attempts attempts) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain,
                new Policy(attempts, policy.replyCap(), policy.deadline(), policy.retry()));
    }

    /** This exchange with its own overall deadline. */
    public Exchange<T> withDeadline(Duration deadline) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain,
                new Policy(policy.attempts(), policy.replyCap(), Optional.of(deadline), policy.retry()));
    }

    /** This exchange retried as {@code retry} says, not as the client's {@code RetryPolicy}. */
    public Exchange<T> withRetryPolicy(RetryPolicy retry) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain,
                new Policy(policy.attempts(), policy.replyCap(), policy.deadline(), Optional.of(retry)));
    }

    /** This exchange with its results passed through {@code then} once read (e.g. to price them). */
    public Exchange<T> withResults(UnaryOperator<T> then) {
        ReplyReader<T> read = reader;
        return new Exchange<>(operation, modelId, request, reply -> then.apply(read.read(reply)), usage, explain, policy);
    }
}
