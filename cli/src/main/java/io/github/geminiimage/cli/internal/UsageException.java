package io.github.geminiimage.cli.internal;

/** A mistake on the command line or in the environment: exit code 2, one line on stderr. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message says what is wrong and what to do. */
    public UsageException(String message) {
        super(message);
    }
}
