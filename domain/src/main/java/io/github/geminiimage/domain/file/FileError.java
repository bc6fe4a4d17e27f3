package io.github.geminiimage.domain.file;

import java.util.Objects;

/**
 * Why the Files API failed to process a file (the {@code google.rpc.Status} of a {@code FAILED}
 * file). Immutable.
 *
 * @param code the status code (a {@code google.rpc.Code} number), or 0 when absent
 * @param message the server's message, possibly empty
 */
public record FileError(int code, String message) {

    /** Checks the message is present. */
    public FileError {
        Objects.requireNonNull(message, "message");
    }
}
