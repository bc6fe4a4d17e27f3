package io.github.geminiimage.port;

/**
 * One connection to the Gemini API (or a stand-in for it): it owns the transport, the credentials,
 * the threads and the call engine, and the three ports are views of it. Build one per endpoint
 * and credentials, share it, close it once. For example, with the JDK adapter:
 *
 * <pre>{@code
 * try (GeminiClient gemini = JdkHttpGeminiClient.builder().apiKey(key).build()) {
 *     StoredFile photo = gemini.files().upload(FileUpload.fromFile(path).build());
 *     GenerationResult result = gemini.images().generate(request(photo));
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Views.</b> {@link #images()}, {@link #files()} and {@link #batches()} return the same
 *       object on every call; they share the transport, the threads and the retry and deadline
 *       settings. What one view stores (a file uploaded through {@link #files()}) the others can use.</li>
 *   <li><b>Closing.</b> {@link #close()} closes everything the client owns: calls in flight fail,
 *       its threads stop, its transport closes unless it was lent. A view's own {@code close()} does
 *       nothing, so code written against one port never closes its siblings by accident. Closing
 *       twice is harmless.</li>
 *   <li><b>Thread safety.</b> Implementations are thread-safe.</li>
 * </ul>
 */
public interface GeminiClient extends AutoCloseable {

    /** Image generation and editing ({@code generateContent}, {@code streamGenerateContent}); always the same view. */
    ImageGenerationPort images();

    /** The Files API; always the same view. */
    FilesPort files();

    /** Batch Mode; always the same view. */
    BatchPort batches();

    /** Closes what the client owns (threads, pools, the transport unless lent). Idempotent; never throws a checked exception. */
    @Override
    void close();
}
