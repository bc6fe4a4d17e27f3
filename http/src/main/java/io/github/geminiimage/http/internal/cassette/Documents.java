package io.github.geminiimage.http.internal.cassette;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The JSON shape of one exchange document, bound with JSON-B. Members appear in the declared order
 * (not JSON-B's default lexicographic one) so that a document reads top to bottom like the exchange;
 * absent members are {@code null} and left out.
 */
final class Documents {

    /** {@code name: value}, the form a header takes in a document. */
    static String header(String name, String value) {
        return name + ": " + value;
    }

    /** The name of a header line. */
    static String headerName(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(0, colon);
    }

    /** The value of a header line. */
    static String headerValue(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1).strip();
    }

    /** The version written in every document; a reader refuses others. */
    static final int FORMAT = 1;

    private Documents() {
    }

    /**
     * One exchange.
     *
     * @param format {@link #FORMAT}
     * @param request what was sent, secrets redacted
     * @param response what came back; null if the exchange failed before the headers
     * @param failure why the exchange failed before the headers; null if a response came
     */
    @JsonbPropertyOrder({"format", "request", "response", "failure"})
    public record Exchange(int format, Request request, Response response, Failure failure) {
    }

    /**
     * A request.
     *
     * @param method the HTTP method
     * @param path the raw path
     * @param query the raw query parameters, {@code name=value} each, in the order sent; null without a query
     * @param headers {@code name: value} lines in the order sent, secret values redacted
     * @param body the body; null without one
     */
    @JsonbPropertyOrder({"method", "path", "query", "headers", "body"})
    public record Request(String method, String path, List<String> query, List<String> headers, Body body) {
    }

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param headers {@code name: value} lines sorted by lower-case name, values in received order
     * @param body the body as read; null when empty
     * @param complete false when the reader stopped before the end of the body (what was read is kept)
     * @param failure why reading the body failed after {@code body}; null if it did not
     */
    @JsonbPropertyOrder({"status", "headers", "body", "complete", "failure"})
    public record Response(int status, List<String> headers, Body body, Boolean complete, Failure failure) {
    }

    /**
     * A body: either {@code text} (UTF-8 lines, each with its line ending, and references to
     * out-of-line base64 payloads) or {@code binary} (the SHA-256 of a file holding the bytes).
     *
     * @param bytes the body's length in bytes as replayed
     * @param binary the SHA-256 (hex) of the file holding a body that is not UTF-8 text
     * @param text the segments whose concatenation is the body: strings, and {@link Blob} objects
     */
    @JsonbPropertyOrder({"bytes", "binary", "text"})
    public record Body(long bytes, String binary, List<Object> text) {
    }

    /**
     * A base64 payload stored out of line: replayed as the base64 of the file's bytes.
     *
     * @param base64 the SHA-256 of the decoded bytes, when the text was standard base64
     * @param base64url the SHA-256 of the decoded bytes, when the text was URL-safe base64
     * @param bytes the decoded length
     */
    @JsonbPropertyOrder({"base64", "base64url", "bytes"})
    public record Blob(String base64, String base64url, long bytes) {
    }

    /**
     * An I/O failure, replayed as an exception of the same kind.
     *
     * @param type the exception's class name
     * @param message its message, secrets redacted
     */
    @JsonbPropertyOrder({"type", "message"})
    public record Failure(String type, String message) {
    }
}
