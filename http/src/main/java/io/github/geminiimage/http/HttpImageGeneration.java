package io.github.geminiimage.http;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.http.internal.calls.Continuation;
import io.github.geminiimage.http.internal.calls.GenerateContent;
import io.github.geminiimage.http.internal.calls.StreamGenerateContent;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.port.StreamListener;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The {@link ImageGenerationPort} view of an {@link HttpGeminiClient}: says what
 * {@code generateContent} and {@code streamGenerateContent?alt=sse} send and how their replies are
 * read; the client's engine does the rest (retries, deadline, errors, secrets: see
 * {@link HttpGeminiClient}). A body longer than {@link HttpOptions#maxRequestBytes()} is refused
 * before any I/O; a gzip or deflate reply is inflated here, the cap applying to the inflated bytes.
 * Thread-safe. {@link #close()} does nothing when the view belongs to a client; the images-only
 * shortcut of the adapters ({@code JdkHttpImageGeneration.builder()...build()}) closes its client.
 * A reply that stops with {@code CONTINUATION} is continued automatically in every call
 * ({@link HttpOptions#maxContinuations()}, {@code GenerationRequest.automaticContinuation}).
 */
public final class HttpImageGeneration implements ImageGenerationPort {

    private final HttpGeminiClient client;
    private final boolean closesClient;

    HttpImageGeneration(HttpGeminiClient client, boolean closesClient) {
        this.client = client;
        this.closesClient = closesClient;
    }

    /** The options in use. */
    public HttpOptions options() {
        return client.options;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return Continuation.generate(client.engine, request, this::generateContent, priced(request));
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return Continuation.generateAsync(client.engine, request, this::generateContent, priced(request));
    }

    /**
     * Returns once the first event arrived. Everything before it is retried like {@link #generate};
     * after it nothing is. The inactivity timeout applies between events, the overall deadline to
     * the whole stream; closing the stream aborts the exchange.
     */
    @Override
    public GenerationStream stream(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return Continuation.stream(client.engine, request, this::streamGenerateContent, priced(request));
    }

    /** The events are read and handed to {@code listener} on a reader thread, which the stream occupies until it ends. */
    @Override
    public CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        return StreamGenerateContent.deliver(Continuation.streamAsync(client.engine, request, this::streamGenerateContent,
                priced(request)), listener, client.engine.readers());
    }

    /**
     * The exchange opening one request's stream; a flex call waits longer and backs off longer
     * (every request of a continued call: the first one's deadline then covers them all).
     */
    private io.github.geminiimage.http.internal.engine.Exchange<GenerationStream> streamGenerateContent(
            GenerationRequest request, Optional<SinkSession> call) {
        return GenerateContent.fitted(StreamGenerateContent.exchange(request, client.options.endpoint(),
                client.options.maxRequestBytes(), priced(request), call), request, client.options);
    }

    private io.github.geminiimage.http.internal.engine.Exchange<GenerationResult> generateContent(GenerationRequest request,
            Optional<SinkSession> call) {
        Objects.requireNonNull(request, "request");
        // A flex call waits longer and backs off longer; every reply is priced (HttpOptions.priceTable),
        // and a continued call's joined result once more, from the summed usage.
        return GenerateContent.fitted(GenerateContent.exchange(request, client.options.endpoint(),
                client.options.maxRequestBytes(), call), request, client.options)
                .withResults(priced(request));
    }

    private UnaryOperator<GenerationResult> priced(GenerationRequest request) {
        return result -> result.priced(client.options.priceTable(), request);
    }

    /** Closes the client only for the images-only shortcut; a client's view leaves it open. */
    @Override
    public void close() {
        if (closesClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "HttpImageGeneration[" + client + "]";
    }
}
