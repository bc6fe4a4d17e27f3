package io.github.geminiimage.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body that is produced while it is sent, with its exact length known before the first
 * byte. Repeatable: {@link #writeTo} may be called once per attempt and writes the same bytes each
 * time. Thread-safe for sequential attempts; one write at a time.
 */
public interface RequestBody {

    /** The exact number of bytes {@link #writeTo} writes; sent as {@code Content-Length}. */
    long contentLength();

    /**
     * Writes the whole body to {@code out} (does not close it).
     *
     * @throws IOException if writing fails, or if a file the body streams from changed since the
     *     request was built (then the message says so and nothing more is written)
     */
    void writeTo(OutputStream out) throws IOException;
}
