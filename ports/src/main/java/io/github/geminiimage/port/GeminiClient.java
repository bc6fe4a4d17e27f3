package io.github.geminiimage.port;

/**
 * One connection to the Gemini API (or a stand-in for it): it owns the transport, the credentials,
 * the threads and the call engine, and the three ports are views of it. Build one per endpoint and
 * credentials, share it (implementations are thread-safe) and close it once; the README's "One
 * client, three ports" shows one in use. The views share the transport, the threads and the retry
 * and deadline settings, and what one stores (a file uploaded through {@link #files()}) the others
 * can use.
 */
public interface GeminiClient extends AutoCloseable {

    /** Image generation and editing ({@code generateContent}, {@code streamGenerateContent}); always the same view. */
    ImageGenerationPort images();

    /** The Files API; always the same view. */
    FilesPort files();

    /** Batch Mode; always the same view. */
    BatchPort batches();

    /**
     * Closes everything the client owns: calls in flight fail, its threads and pools stop, its
     * transport closes unless it was lent. A view's own {@code close()} does nothing, so code written
     * against one port never closes its siblings by accident. Closing twice is harmless.
     */
    @Override
    void close();
}
