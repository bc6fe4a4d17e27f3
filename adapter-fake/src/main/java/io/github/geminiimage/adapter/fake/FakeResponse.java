package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.Replies;
import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.continuation.ContinuationHops;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.stream.StreamAggregator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One scripted answer of {@link FakeImageGeneration}: a result (an image, text only, a blocked
 * prompt, a candidate without image) or a failure from the {@link ImageGenerationException}
 * hierarchy, optionally after a delay ({@link #after}); the README's "Testing with the fake" scripts
 * some. Made with the static factories; immutable and thread-safe, so one instance may be queued or
 * used by a rule any number of times (failures are made afresh for every call).
 */
public final class FakeResponse {

    /** How a response turns a checked request into a result, or throws. */
    @FunctionalInterface
    interface Answer {
        GenerationResult answer(GenerationRequest request, List<byte[]> imageBytes, byte[] fingerprint);
    }

    /** The answer of {@link #result}: returned as it is, not priced nor given a served tier. */
    private record Given(GenerationResult result) implements Answer {
        @Override
        public GenerationResult answer(GenerationRequest request, List<byte[]> imageBytes, byte[] fingerprint) {
            return result;
        }
    }

    private static final AtomicLong CONTINUATIONS = new AtomicLong();

    private final String description;
    private final Answer answer;
    private final Duration delay;
    private final FakeStream stream;

    private FakeResponse(String description, Answer answer, Duration delay, FakeStream stream) {
        this.description = description;
        this.answer = answer;
        this.delay = delay;
        this.stream = stream;
    }

    private static FakeResponse of(String description, Answer answer) {
        return new FakeResponse(description, answer, Duration.ZERO, null);
    }

    /**
     * A streamed answer following {@code script}: {@code stream} and {@code streamAsync} deliver its
     * chunks, pauses and failures as scripted; {@code generate} returns the chunks joined (pauses
     * skipped), or throws the scripted failure, or the {@code MalformedResponseException} of a
     * script that ends without a finish reason. Every other response streams too, as the server
     * would send it: one event per part, text in two deltas, the finish and usage last.
     */
    public static FakeResponse streamed(FakeStream script) {
        Objects.requireNonNull(script, "script");
        return new FakeResponse("streamed " + script, (request, images, fingerprint) -> {
            StreamAggregator aggregator = new StreamAggregator();
            for (FakeStream.Step step : script.steps()) {
                if (step instanceof FakeStream.Chunk chunk) {
                    aggregator.accept(chunk.chunk());
                } else if (step instanceof FakeStream.Fail fail) {
                    throw Objects.requireNonNull(fail.failure().get(), "the failure supplier returned null");
                }
            }
            return aggregator.result();
        }, Duration.ZERO, script);
    }

    /**
     * The default answer: a real image drawn for the request (a gradient and the prompt's text), in
     * the model's format (PNG on 2.5 Flash Image, JPEG on Gemini 3) at the model's exact pixel size,
     * with a short text part, finish reason {@code STOP} and usage from the token tables. The same
     * request always gives the same bytes.
     */
    public static FakeResponse generatedImage() {
        return of("generated image", (request, images, fingerprint) -> Replies.byReferenceIfAsked(request,
                Replies.withImage(request, Replies.picture(request, images, fingerprint), fingerprint)));
    }

    /**
     * {@link #generatedImage()} grounded with Google Search as the request asks: the search queries
     * (the prompt, as a web and/or image query, per {@link GenerationRequest#grounding()}) and made-up
     * sources on {@code example.com} (a page per web query, an image with its page per image query),
     * in {@code groundingMetadata}. Without grounding in the request it is {@link #generatedImage()}.
     */
    public static FakeResponse groundedImage() {
        return of("grounded image", (request, images, fingerprint) -> Replies.grounded(request, Replies.byReferenceIfAsked(
                request, Replies.withImage(request, Replies.picture(request, images, fingerprint), fingerprint))));
    }

    /**
     * This answer with {@code grounding} as the first candidate's {@code groundingMetadata}, whatever
     * the request asked; on {@code generate} and on the stream's last event alike.
     *
     * @throws IllegalStateException for a {@link #streamed} response: script the grounding on a chunk instead
     */
    public FakeResponse withGrounding(Grounding grounding) {
        Objects.requireNonNull(grounding, "grounding");
        if (stream != null) {
            throw new IllegalStateException("a streamed response takes its grounding from its chunks: put it on a "
                    + "chunk's candidate (Candidate.withGrounding)");
        }
        Answer inner = answer;
        return new FakeResponse(description + " with grounding", (request, images, fingerprint) ->
                Replies.withGrounding(inner.answer(request, images, fingerprint), Optional.of(grounding)), delay, null);
    }

    /** A successful answer carrying the given image instead of a drawn one (text part, {@code STOP}, usage as usual). */
    public static FakeResponse image(GeneratedImage image) {
        Objects.requireNonNull(image, "image");
        return of("image " + image, (request, images, fingerprint) -> Replies.byReferenceIfAsked(request,
                Replies.withImage(request, image, fingerprint)));
    }

    /**
     * A successful answer carrying the given PNG, JPEG or WebP bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a PNG, JPEG, WebP, HEIC or HEIF image
     */
    public static FakeResponse image(byte[] bytes) {
        MediaType type = MediaType.sniff(bytes).orElseThrow(() -> new IllegalArgumentException(
                "the bytes are not a PNG, JPEG, WebP, HEIC or HEIF image (unrecognised magic bytes)"));
        return image(GeneratedImage.of(type.mimeType(), bytes));
    }

    /** The model answers with text only: finish reason {@code STOP}, no image (as image models sometimes do). */
    public static FakeResponse textOnly(String text) {
        Objects.requireNonNull(text, "text");
        return of("text only", (request, images, fingerprint) -> Replies.textOnly(request, text, fingerprint));
    }

    /** The prompt is blocked: HTTP 200 with no candidates and {@code promptFeedback.blockReason}. */
    public static FakeResponse promptBlocked(BlockReason reason) {
        Objects.requireNonNull(reason, "reason");
        return of("prompt blocked (" + reason + ")",
                (request, images, fingerprint) -> Replies.promptBlocked(request, reason, fingerprint));
    }

    /** The image was withheld by the output filter: a candidate with no content and {@code IMAGE_SAFETY}. */
    public static FakeResponse imageSafety() {
        return finishedWithoutImage(FinishReason.IMAGE_SAFETY, Optional.empty());
    }

    /** The model made no image: a candidate with no content and {@code NO_IMAGE} (test vector 08). */
    public static FakeResponse noImage() {
        return finishedWithoutImage(FinishReason.NO_IMAGE, Optional.empty());
    }

    /** A candidate with no content that finished with any reason, with the server's message if given. */
    public static FakeResponse finishedWithoutImage(FinishReason reason, Optional<String> finishMessage) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(finishMessage, "finishMessage");
        return of("finished without image (" + reason + ")", (request, images, fingerprint) ->
                Replies.finishedWithoutImage(request, reason, finishMessage, fingerprint));
    }

    /**
     * A generation the server delivers in {@code pieces + 1} replies, as a long answer may come
     * (docs/wire-format.md, "Continuation"): the request without a continuation token gets a text
     * piece that stops with {@code CONTINUATION} and a token; the request sent again with it gets
     * the next piece, and so on; the request with the last token gets {@code rest}'s answer. The
     * fake continues automatically as the HTTP transports do (at most
     * {@link ContinuationHops#DEFAULT_MAX_CONTINUATIONS} extra requests, each one recorded), so a
     * call returns the pieces joined, with {@code continuations() == pieces}; more pieces than that
     * give an {@code INCOMPLETE} result. With {@code automaticContinuation(false)} the first piece
     * comes back as it is, and {@link GenerationRequest#resuming} gets the next one. The token is
     * the fake's own: one from another response or server is refused with the server's 400.
     *
     * @param pieces how many replies stop with {@code CONTINUATION}, at least 1
     */
    public static FakeResponse continuation(int pieces, FakeResponse rest) {
        Objects.requireNonNull(rest, "rest");
        if (pieces < 1) {
            throw new IllegalArgumentException("pieces must be at least 1; got " + pieces);
        }
        String prefix = "fake-continuation:" + CONTINUATIONS.incrementAndGet() + ":";
        return new FakeResponse("continuation in " + pieces + " pieces, then " + rest.description,
                (request, images, fingerprint) -> {
                    int piece = 0;
                    if (request.continuationToken().isPresent()) {
                        piece = pieceOf(request.continuationToken().get(), prefix);
                    }
                    if (piece >= pieces) {
                        return rest.answer(request, images, fingerprint);
                    }
                    String next = Base64.getEncoder().encodeToString((prefix + (piece + 1)).getBytes(StandardCharsets.UTF_8));
                    return Replies.continuationPiece(request, "(piece " + (piece + 1) + " of " + (pieces + 1) + ") ", next,
                            fingerprint);
                }, Duration.ZERO, null);
    }

    private static int pieceOf(String token, String prefix) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(prefix)) {
                return Integer.parseInt(text.substring(prefix.length()));
            }
        } catch (IllegalArgumentException e) {
            // not one of this response's tokens: refused below, as the server refuses a foreign token
        }
        throw TestResults.invalidRequest("Request contains an invalid argument: continuationToken");
    }

    /** Exactly this result, whatever the request. */
    public static FakeResponse result(GenerationResult result) {
        Objects.requireNonNull(result, "result");
        return of("result " + result.outcome(), new Given(result));
    }

    /** A result computed from the request by the caller's function (which may also throw an {@link ImageGenerationException}). */
    public static FakeResponse answer(Function<GenerationRequest, GenerationResult> function) {
        Objects.requireNonNull(function, "function");
        return of("computed answer", (request, images, fingerprint) ->
                Objects.requireNonNull(function.apply(request), "the answer function returned null"));
    }

    /** Fails with the exception the supplier makes (a fresh one per call, so stack traces make sense). */
    public static FakeResponse failure(Supplier<? extends ImageGenerationException> exception) {
        Objects.requireNonNull(exception, "exception");
        return of("failure", (request, images, fingerprint) -> {
            throw Objects.requireNonNull(exception.get(), "the exception supplier returned null");
        });
    }

    /** HTTP 429 {@code RESOURCE_EXHAUSTED} on a per-minute quota, with the server's retry delay ({@link TestResults#rateLimited}). */
    public static FakeResponse rateLimited(Duration retryDelay) {
        Objects.requireNonNull(retryDelay, "retryDelay");
        return failure(() -> TestResults.rateLimited(retryDelay));
    }

    /** HTTP 429 {@code RESOURCE_EXHAUSTED} on a per-day quota: not worth retrying today. */
    public static FakeResponse dailyQuotaExhausted() {
        return failure(TestResults::dailyQuotaExhausted);
    }

    /** HTTP 503 {@code UNAVAILABLE}: the model is overloaded. */
    public static FakeResponse serverError() {
        return failure(TestResults::serverError);
    }

    /** The call's deadline passed before a reply came. */
    public static FakeResponse timeout() {
        return failure(TestResults::timeout);
    }

    /** The connection failed (refused or reset). */
    public static FakeResponse transportFailure() {
        return failure(TestResults::transportFailure);
    }

    /** HTTP 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}: the key was refused. */
    public static FakeResponse authenticationFailed() {
        return failure(TestResults::authenticationFailed);
    }

    /** HTTP 403 {@code PERMISSION_DENIED}: the key may not use this model. */
    public static FakeResponse permissionDenied() {
        return failure(TestResults::permissionDenied);
    }

    /** HTTP 404 {@code NOT_FOUND}: the model id is unknown or retired. */
    public static FakeResponse modelNotFound() {
        return failure(TestResults::modelNotFound);
    }

    /** HTTP 400 {@code INVALID_ARGUMENT} with the server's message: the server refused the request. */
    public static FakeResponse invalidRequest(String serverMessage) {
        Objects.requireNonNull(serverMessage, "serverMessage");
        return failure(() -> TestResults.invalidRequest(serverMessage));
    }

    /** The reply was not a valid {@code GenerateContentResponse}. */
    public static FakeResponse malformedResponse() {
        return failure(TestResults::malformedResponse);
    }

    /** The reply was larger than the configured cap. */
    public static FakeResponse responseTooLarge() {
        return failure(TestResults::responseTooLarge);
    }

    /**
     * The same answer, given only after {@code delay}. The fake then really waits: {@code generate}
     * blocks (an interrupt or {@code close()} ends the wait with an exception), and the future of
     * {@code generateAsync} completes later (cancelling it ends the wait).
     */
    public FakeResponse after(Duration delay) {
        return new FakeResponse(description, answer, DurationChecks.nonNegative(delay, "delay"), stream);
    }

    /** The delay before the answer; zero unless {@link #after} set one. */
    public Duration delay() {
        return delay;
    }

    /** Whether this response returns a given result as it is ({@link #result}). */
    boolean isGiven() {
        return answer instanceof Given;
    }

    GenerationResult answer(GenerationRequest request, List<byte[]> imageBytes, byte[] fingerprint) {
        return answer.answer(request, imageBytes, fingerprint);
    }

    /** Whether this is a {@link #streamed} script (streamed as scripted, never continued). */
    boolean isStreamScript() {
        return stream != null;
    }

    /**
     * The steps of the stream for a checked request: the script of a {@link #streamed} response,
     * else this response's answer sent as a server streams it.
     *
     * @throws ImageGenerationException if this response fails before any event
     */
    List<FakeStream.Step> streamSteps(GenerationRequest request, List<byte[]> imageBytes, byte[] fingerprint) {
        if (stream != null) {
            return stream.steps();
        }
        return FakeStream.of(answer(request, imageBytes, fingerprint));
    }

    @Override
    public String toString() {
        return "FakeResponse[" + description + (delay.isZero() ? "" : ", after " + delay) + "]";
    }
}
