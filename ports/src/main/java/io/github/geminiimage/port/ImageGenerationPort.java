package io.github.geminiimage.port;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import java.util.concurrent.CompletableFuture;

/**
 * Generates and edits images with a Gemini image model. The contract every implementation meets
 * (the {@code port-tck} suites check it):
 *
 * <ul>
 *   <li><b>Streaming.</b> {@link #stream} and {@link #streamAsync} deliver the same reply as events
 *       while it arrives and end with the result {@link #generate} would have returned; the failure
 *       rules below hold for them too (details in {@link GenerationStream}).</li>
 *   <li><b>Thread safety.</b> Implementations are thread-safe: one instance serves any number of
 *       concurrent calls. Create one per endpoint and share it.</li>
 *   <li><b>Results.</b> A call the server answered returns a {@link GenerationResult}, even when it
 *       holds no image (blocked prompt, {@code IMAGE_SAFETY}, {@code NO_IMAGE}, text only): inspect
 *       {@link GenerationResult#outcome()} or call {@link GenerationResult#requireImage()}.</li>
 *   <li><b>Failures.</b> Every failure is an {@link ImageGenerationException}, unchecked:
 *       {@code InvalidRequestException} (refused before sending, or a 400 not about the key),
 *       {@code AuthenticationException} (401, or 400 {@code API_KEY_INVALID}),
 *       {@code PermissionDeniedException} (403), {@code NotFoundException} (404, e.g. a retired model),
 *       {@code RateLimitedException} (429 after the retries the deadline allowed; a per-day quota is
 *       not retried), {@code ServerErrorException} (5xx after retries), {@code GenerationTimeoutException}
 *       (a timeout or the overall deadline), {@code TransportException} (connection failed after
 *       retries), {@code MalformedResponseException}, {@code ResponseTooLargeException}. Nothing else
 *       escapes except {@link NullPointerException} for a null argument.</li>
 *   <li><b>Retries.</b> Implementations that retry do so inside one call; the exception reports the
 *       attempt count. A request is never sent again once a successful reply was delivered.</li>
 *   <li><b>Cancellation.</b> Cancelling the future of {@link #generateAsync} aborts the exchange in
 *       flight (the connection is closed, not reused) and any scheduled retry; interrupting a thread
 *       blocked in {@link #generate} does the same, and the interrupt flag stays set.</li>
 *   <li><b>Closing.</b> {@link #close()} releases only what the implementation created itself (its
 *       executor, its connection pool), never a client the caller lent it. Calls in flight fail with
 *       an {@code ImageGenerationException}; calls after close fail at once. Closing twice is harmless.
 *       A port that is a view of a {@link GeminiClient} owns nothing: its {@code close()} does nothing,
 *       the client's closes it.</li>
 * </ul>
 */
public interface ImageGenerationPort extends AutoCloseable {

    /**
     * Sends the request and waits for the result.
     *
     * @param request a valid request (validated when built)
     * @return what the server answered with HTTP 200
     * @throws ImageGenerationException for every failure; see the class documentation
     */
    GenerationResult generate(GenerationRequest request);

    /**
     * Sends the request without blocking the caller's thread. The future completes with the result,
     * or exceptionally with the same {@link ImageGenerationException} that {@link #generate} would throw.
     * Cancelling it aborts the call.
     *
     * @param request a valid request
     * @return the future result
     */
    CompletableFuture<GenerationResult> generateAsync(GenerationRequest request);

    /**
     * Sends the request as a streamed generation ({@code streamGenerateContent}) and returns once
     * the reply has started: the events then arrive through the returned stream as the model
     * produces them (thoughts and interim images only when the request
     * {@linkplain GenerationRequest#includeThoughts() includes thoughts}). See
     * {@link GenerationStream} for its contract; close it (try-with-resources) to release the exchange.
     *
     * @param request a valid request
     * @return the open stream
     * @throws ImageGenerationException if the call failed before the reply started (refused
     *     request, HTTP error, connection failure, after the retries allowed)
     */
    GenerationStream stream(GenerationRequest request);

    /**
     * Streams without blocking the caller: each event goes to {@code listener} as it arrives, and
     * the future completes with the same result {@link GenerationStream#result()} gives, or
     * exceptionally with the same {@link ImageGenerationException} (or with what the listener
     * threw). Cancelling the future aborts the exchange at once; after the cancel, no event is
     * delivered beyond the one the listener may be handling at that moment.
     *
     * @param request a valid request
     * @param listener receives the events; see {@link StreamListener}
     * @return the future result
     */
    CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener);

    /** Releases what this implementation owns. Never throws a checked exception. */
    @Override
    void close();
}
