package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.engine.Reply;
import io.github.geminiimage.http.internal.engine.RequestSpec;
import io.github.geminiimage.http.internal.error.Exceptions;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.JsonBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** {@code models/{model}:generateContent}: the request builder and reply reader, nothing more. */
public final class GenerateContent {

    /** The operation name observers see. */
    public static final String OPERATION = "generateContent";

    private GenerateContent() {
    }

    /**
     * The exchange for {@code request}.
     *
     * @param maxRequestBytes a larger body is refused with {@link InvalidRequestException} before any I/O
     */
    public static Exchange<GenerationResult> exchange(GenerationRequest request, Endpoint endpoint, long maxRequestBytes) {
        return exchange(request, endpoint, maxRequestBytes, Optional.empty());
    }

    /**
     * The exchange for {@code request} as one request of a call whose images go to {@code call}, a
     * sink session of the whole call (a continued generation): each attempt writes through its own
     * {@linkplain SinkSession#part() part}, which hands its files to {@code call} instead of moving
     * them into place. Empty: each attempt commits its own session.
     */
    public static Exchange<GenerationResult> exchange(GenerationRequest request, Endpoint endpoint, long maxRequestBytes,
            Optional<SinkSession> call) {
        String modelId = request.model().id();
        return Exchange.<GenerationResult>of(OPERATION, Optional.of(modelId), () -> {
            VertexOnlyFields.check(request, endpoint);
            endpoint.inlineLimits().check(request);
            return RequestSpec.postJson(endpoint.modelMethod(modelId, OPERATION), body(request, maxRequestBytes));
        }, reply -> withServedTier(read(reply, request, call), reply))
                .withUsage(GenerationResult::usage)
                .withExplanation(failure -> explainRetired(failure, request));
    }

    /** The header naming the tier that served a call (docs/wire-format.md, "Service tiers"). */
    public static final String SERVICE_TIER_HEADER = "x-gemini-service-tier";

    /** {@code result} with the served-tier header of {@code reply} added to the traffic type it read. */
    public static GenerationResult withServedTier(GenerationResult result, Reply reply) {
        Optional<String> header = reply.header(SERVICE_TIER_HEADER);
        return header.isEmpty() ? result : result.withServedTier(result.servedTier().withHeader(header));
    }

    /**
     * {@code exchange} fitted to the tier {@code request} asks for: a flex call gets the flex
     * deadline and retry policy of {@code options}; other calls are unchanged.
     */
    public static <T> Exchange<T> fitted(Exchange<T> exchange, GenerationRequest request, HttpOptions options) {
        if (request.serviceTier().filter(t -> t == ServiceTier.FLEX).isPresent()) {
            return exchange.withDeadline(options.flexDeadline()).withRetryPolicy(options.flexRetryPolicy());
        }
        return exchange;
    }

    /**
     * Reads one reply; with a sink, its images go to temporary files (or the caller's streams)
     * while they are decoded, and the files are moved into place once the whole reply was read. A
     * failure of this attempt removes them, so a retry starts afresh.
     */
    private static GenerationResult read(Reply reply, GenerationRequest request, Optional<SinkSession> call)
            throws IOException {
        if (request.sink().isEmpty()) {
            return GenerateContentCodec.read(reply.body(), reply.declaredLength(), reply.maxBytes());
        }
        SinkSession session = call.isPresent() ? call.get().part() : SinkSession.open(request.sink().get());
        try {
            return session.commit(GenerateContentCodec.read(reply.body(), reply.declaredLength(), reply.maxBytes(), session));
        } catch (IOException | RuntimeException | Error e) {
            session.abort();
            throw e;
        }
    }

    /**
     * {@code request} encoded as a streaming body.
     *
     * @throws InvalidRequestException if the body has more than {@code maxRequestBytes}
     */
    static RequestBody body(GenerationRequest request, long maxRequestBytes) {
        JsonBody json = GenerateContentCodec.encode(request);
        if (json.contentLength() > maxRequestBytes) {
            throw new InvalidRequestException("request", "a body of " + json.contentLength() + " bytes",
                    "at most " + maxRequestBytes + " bytes (HttpOptions.maxRequestBytes)");
        }
        return new RequestBody() {
            @Override
            public long contentLength() {
                return json.contentLength();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                json.writeTo(out);
            }

            @Override
            public String toString() {
                return json.toString();
            }
        };
    }

    static ImageGenerationException explainRetired(ImageGenerationException failure, GenerationRequest request) {
        if (failure instanceof NotFoundException && request.model().isRetired()) {
            return Exceptions.withMessage(failure, failure.getMessage() + " (model " + request.model().id()
                    + " is retired" + request.model().replacedBy().map(r -> "; use " + r).orElse("") + ")");
        }
        return failure;
    }
}
