package io.github.geminiimage.domain.error;

import java.util.Optional;

/**
 * The request is invalid: refused before sending (the message names the field, the value and the
 * limit), or refused by the server with a 400 that is not about the key (then it carries the
 * server's message). Fix the request; do not retry it as is.
 */
public final class InvalidRequestException extends ImageGenerationException {

    private static final int MAX_VALUE_CHARS = 80;

    private final String field;

    /**
     * A request refused before sending.
     *
     * @param field the request field at fault, e.g. {@code images}
     * @param value the offending value, shortened to 80 characters in the message
     * @param limit what is allowed, e.g. {@code at most 3 for gemini-2.5-flash-image}
     */
    public InvalidRequestException(String field, String value, String limit) {
        super(field + ": " + shorten(value) + " is not allowed; expected " + limit, ErrorDetails.NONE, null);
        this.field = field;
    }

    /**
     * A request refused before sending, with a message of its own that names the value and the
     * limit; the field is put in front of it.
     */
    public InvalidRequestException(String field, String message, Throwable cause) {
        super(field + ": " + message, ErrorDetails.NONE, cause);
        this.field = field;
    }

    /** A request the server refused (HTTP 400 or similar). */
    public InvalidRequestException(String message, ErrorDetails details) {
        super(message, details, null);
        this.field = null;
    }

    /** The request field at fault, when the request was refused before sending. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    /**
     * How a value given by the caller is quoted in an error message: on one line, in quotes, cut to
     * 80 characters with its length said; {@code null} as {@code null}.
     */
    public static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        String oneLine = value.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_VALUE_CHARS ? "\"" + oneLine + "\""
                : "\"" + oneLine.substring(0, MAX_VALUE_CHARS) + "...\" (" + value.length() + " chars)";
    }
}
