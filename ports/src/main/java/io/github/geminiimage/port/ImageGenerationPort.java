package io.github.geminiimage.port;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import java.util.concurrent.CompletableFuture;

/**
 * Generates and edits images with a Gemini image model, whole ({@link #generate}) or streamed
 * ({@link #stream}). Implementations are thread-safe: create one per endpoint and share it. The
 * {@code port-tck} suites check the contract written here and on each method.
 *
 * <p>A call the server answered returns a {@link GenerationResult}, even one without an image
 * (blocked prompt, {@code IMAGE_SAFETY}, {@code NO_IMAGE}, text only): see
 * {@link GenerationResult#outcome()}. Every failure is an unchecked {@link ImageGenerationException};
 * which subtype each status becomes is the README's table ("Errors"). Nothing else escapes but a
 * {@link NullPointerException} for a null argument. Retries happen inside one call (the exception
 * reports the attempt count), and never once a successful reply was delivered.
 */
public interface ImageGenerationPort extends AutoCloseable {

    /**
     * Sends the request and waits for the result. Interrupting the waiting thread aborts the
     * exchange in flight (the connection is closed, not reused) and any scheduled retry; the
     * interrupt flag stays set.
     *
     * @param request a valid request (validated when built)
     * @return what the server answered with HTTP 200
     * @throws ImageGenerationException for every failure; see the class documentation
     */
    GenerationResult generate(GenerationRequest request);

    /**
     * Sends the request without blocking the caller's thread. The future completes with the result,
     * or exceptionally with the same {@link ImageGenerationException} that {@link #generate} would throw.
     * Cancelling it aborts the exchange in flight (the connection is closed, not reused) and any
     * scheduled retry.
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

    /**
     * Releases what this implementation created itself (its executor, its connection pool), never a
     * client the caller lent it. Calls in flight fail with an {@link ImageGenerationException}; calls
     * after close fail at once; closing twice is harmless. A port that is a view of a
     * {@link GeminiClient} owns nothing: its {@code close()} does nothing, the client's closes it.
     */
    @Override
    void close();
}
