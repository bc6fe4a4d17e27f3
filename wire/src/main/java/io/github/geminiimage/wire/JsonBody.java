package io.github.geminiimage.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON document produced while it is written, its exact length known before the first byte.
 * Repeatable: each {@link #writeTo} writes the same bytes (one per attempt of a call). One write at
 * a time.
 */
public interface JsonBody {

    /** The exact number of bytes {@link #writeTo} writes. */
    long contentLength();

    /**
     * Writes the whole document to {@code out} (does not close it).
     *
     * @throws IOException if writing fails, or if a file the document streams from changed since
     *     it was encoded (then nothing more is written and the message says so)
     */
    void writeTo(OutputStream out) throws IOException;
}
