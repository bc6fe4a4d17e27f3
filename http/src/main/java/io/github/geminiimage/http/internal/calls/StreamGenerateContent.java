package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.engine.Reply;
import io.github.geminiimage.http.internal.engine.RequestSpec;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import io.github.geminiimage.http.internal.stream.StreamCodecs;
import io.github.geminiimage.http.internal.stream.StreamReplyReader;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.StreamListener;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

/**
 * {@code models/{model}:streamGenerateContent?alt=sse}: the request builder (the same body as
 * {@code generateContent}) and a reply reader that reads the first event, then hands the open
 * response to a {@link GenerationStream}. So the engine retries what fails before the first event
 * (an error status, a broken connection, an error event first), and nothing after it.
 */
public final class StreamGenerateContent {

    /** The operation name observers see. */
    public static final String OPERATION = "streamGenerateContent";

    private StreamGenerateContent() {
    }

    /**
     * The exchange for {@code request}: its result is the open stream, its first event read.
     *
     * @param maxRequestBytes a larger body is refused with {@link InvalidRequestException} before any I/O
     */
    public static Exchange<GenerationStream> exchange(GenerationRequest request, Endpoint endpoint, long maxRequestBytes) {
        return exchange(request, endpoint, maxRequestBytes, UnaryOperator.identity());
    }

    /**
     * The exchange for {@code request} whose stream's joined result, with the served-tier header
     * added, goes through {@code finish} (e.g. to price it).
     */
    public static Exchange<GenerationStream> exchange(GenerationRequest request, Endpoint endpoint, long maxRequestBytes,
            UnaryOperator<GenerationResult> finish) {
        return exchange(request, endpoint, maxRequestBytes, finish, Optional.empty());
    }

    /**
     * The exchange for {@code request} as one request of a call whose images go to {@code call}, a
     * sink session of the whole call (a continued generation): each attempt's stream writes through
     * its own {@linkplain SinkSession#part() part}. Empty: each attempt commits its own session.
     */
    public static Exchange<GenerationStream> exchange(GenerationRequest request, Endpoint endpoint, long maxRequestBytes,
            UnaryOperator<GenerationResult> finish, Optional<SinkSession> call) {
        String modelId = request.model().id();
        return Exchange.<GenerationStream>of(OPERATION, Optional.of(modelId), () -> {
            VertexOnlyFields.check(request, endpoint);
            endpoint.inlineLimits().check(request);
            return RequestSpec.postJson(endpoint.modelMethod(modelId, OPERATION), GenerateContent.body(request, maxRequestBytes))
                    .withQueryParameter("alt", "sse").withHeader("Accept", "text/event-stream");
        }, reply -> open(reply, request, finish, call)).withExplanation(failure -> GenerateContent.explainRetired(failure, request));
    }

    private static GenerationStream open(Reply reply, GenerationRequest request, UnaryOperator<GenerationResult> finish,
            Optional<SinkSession> call) throws IOException {
        // One sink session per attempt: a retry before the first event starts with no files.
        SinkSession sink = request.sink().map(s -> call.isPresent() ? call.get().part() : SinkSession.open(s)).orElse(null);
        try {
            StreamReplyReader reader = new StreamReplyReader(reply.body(), reply.maxBytes(),
                    sink == null ? StreamCodecs.replyDecoder() : StreamCodecs.replyDecoder(sink),
                    StreamCodecs.googleErrors(reply.redactor(), reply.attempt(), reply.clock()));
            Optional<GenerationResult> first = reader.next();
            if (first.isEmpty()) {
                throw new MalformedResponseException("the stream ended before its first event: the reply was cut short",
                        new ErrorDetails(reply.statusCode(), Optional.empty(), Optional.empty(), reply.attempt(), Optional.empty()));
            }
            return new HttpGenerationStream(reader, first.get(), reply.handOver(),
                    result -> finish.apply(GenerateContent.withServedTier(result, reply)), Optional.ofNullable(sink));
        } catch (IOException | RuntimeException | Error e) {
            if (sink != null) {
                sink.abort();
            }
            throw e;
        }
    }

    /**
     * Delivers a stream being opened to {@code listener} on {@code readers} (never on the caller's
     * thread): the returned future completes with the stream's result, or exceptionally with its
     * failure or what the listener threw. Cancelling it cancels the opening or closes the stream.
     *
     * @param opened the engine's future of the open stream
     */
    public static CompletableFuture<GenerationResult> deliver(CompletableFuture<GenerationStream> opened,
            StreamListener listener, Executor readers) {
        Objects.requireNonNull(listener, "listener");
        CompletableFuture<GenerationResult> result = new CompletableFuture<>();
        result.whenComplete((r, f) -> opened.cancel(true));
        opened.whenComplete((stream, failure) -> {
            if (failure != null) {
                result.completeExceptionally(FailureClassifier.unwrap(failure));
                return;
            }
            result.whenComplete((r, f) -> stream.close());
            try {
                readers.execute(() -> pump(stream, listener, result));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new TransportException("closed: the executor refused the stream's reader",
                        ErrorDetails.ofAttempts(1), e, false));
            }
        });
        return result;
    }

    private static void pump(GenerationStream stream, StreamListener listener, CompletableFuture<GenerationResult> result) {
        try {
            Iterator<StreamEvent> events = stream.iterator();
            while (!result.isDone() && events.hasNext()) {
                StreamEvent event = events.next();
                if (result.isDone()) {
                    return;
                }
                try {
                    listener.onEvent(event);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                    return;
                }
            }
            result.complete(stream.result());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }
}
