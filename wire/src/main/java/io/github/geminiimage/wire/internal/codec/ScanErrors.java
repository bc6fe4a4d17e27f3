package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import java.util.Optional;

/**
 * The errors of a scan, each saying where it happened (candidate and part, byte offset) with an
 * excerpt of the body. The scanner keeps the position fields up to date. Not thread-safe.
 */
final class ScanErrors {

    JsonInput input;
    String outerLabel;
    int outer = -1;
    int part = -1;

    String where() {
        if (outer < 0) {
            return "";
        }
        return outerLabel + " " + outer + (part >= 0 ? ", part " + part : "") + ": ";
    }

    MalformedResponseException malformed(String message) {
        return new MalformedResponseException(message, details());
    }

    MalformedResponseException truncated() {
        return malformed(where() + "the " + input.subject + " ends early (truncated JSON) after " + input.total + " bytes");
    }

    MalformedResponseException tooDeep() {
        return malformed(where() + "JSON nested deeper than " + JsonScanner.MAX_DEPTH + " levels at byte " + input.offset());
    }

    MalformedResponseException unexpected(String expected, int c) {
        if (c < 0) {
            return truncated();
        }
        return malformed(where() + "expected " + expected + " but found " + show(c) + " at byte " + input.offset());
    }

    MalformedResponseException notA(String what, String field, int c) {
        if (c < 0) {
            return truncated();
        }
        return malformed(where() + "\"" + field + "\" is not " + what);
    }

    MalformedResponseException badBase64(String problem, long position) {
        String at = position >= 0 ? " at character " + position + " of the value" : "";
        if (input.subject.equals("request") && outer >= 0 && part >= 0) {
            // A server reading a request answers as the API does, naming the field.
            return malformed("Invalid value at 'contents[" + outer + "].parts[" + part + "].inline_data.data' (TYPE_BYTES), "
                    + "Base64 decoding failed: " + problem + at);
        }
        return malformed(where() + "invalid base64 in inlineData.data: " + problem + at);
    }

    ResponseTooLargeException tooLarge(String message) {
        return new ResponseTooLargeException(message, details());
    }

    ErrorDetails details() {
        return new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, input.excerpt());
    }

    static String show(int c) {
        return c >= 0x21 && c <= 0x7E ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }
}
