package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.Usage;
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
 * @param replyCap the cap on a 2xx reply body when it is not {@code HttpOptions.maxResponseBytes}
 *     (a file download streams gigabytes to disk); error bodies keep the engine's cap
 * @param <T> the result
 */
public record Exchange<T>(String operation, Optional<String> modelId, Supplier<RequestSpec> request,
        ReplyReader<T> reader, Function<T, Usage> usage, UnaryOperator<ImageGenerationException> explain,
        OptionalLong replyCap) {

    /** Checks for nulls. */
    public Exchange {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(explain, "explain");
        Objects.requireNonNull(replyCap, "replyCap");
    }

    /** An exchange whose results report no usage and whose failures need no explanation. */
    public static <T> Exchange<T> of(String operation, Optional<String> modelId, Supplier<RequestSpec> request,
            ReplyReader<T> reader) {
        return new Exchange<>(operation, modelId, request, reader, result -> Usage.NONE, UnaryOperator.identity(),
                OptionalLong.empty());
    }

    /** This exchange with results reporting {@code usage}. */
    public Exchange<T> withUsage(Function<T, Usage> usage) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain, replyCap);
    }

    /** This exchange with failures explained by {@code explain}. */
    public Exchange<T> withExplanation(UnaryOperator<ImageGenerationException> explain) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain, replyCap);
    }

    /** This exchange with another cap on its 2xx reply body, e.g. a download's {@code Long.MAX_VALUE}. */
    public Exchange<T> withReplyCap(long maxBytes) {
        return new Exchange<>(operation, modelId, request, reader, usage, explain, OptionalLong.of(maxBytes));
    }
}
