package io.github.geminiimage.cli.internal;

/** A local file could not be written or read (output exists, folder missing, session unreadable): exit code 17. */
public final class FileProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message says which file, what went wrong and what to do. */
    public FileProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
