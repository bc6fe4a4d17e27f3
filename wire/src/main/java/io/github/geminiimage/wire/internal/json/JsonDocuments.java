package io.github.geminiimage.wire.internal.json;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one JSON-B instance for the API's small documents (File resources, operations, error
 * envelopes): null members left out, bounded reads, binding failures as
 * {@link MalformedResponseException}. Thread-safe.
 */
public final class JsonDocuments {

    /** Thread-safe and costly to build: one for the process. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private JsonDocuments() {
    }

    /** {@code value} as compact UTF-8 JSON, null members left out. */
    public static byte[] toJson(Object value) {
        return JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads at most {@code maxBytes} of {@code body} and binds them to {@code type}.
     *
     * @param what the document, for messages ("the get reply")
     * @throws MalformedResponseException if it is empty, larger, not JSON or not shaped like {@code type}
     */
    public static <T> T read(InputStream body, int maxBytes, Type type, String what) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw malformed(what + " is larger than " + maxBytes + " bytes", null);
        }
        if (bytes.length == 0) {
            throw malformed(what + " has an empty body", null);
        }
        return bind(bytes, type, what);
    }

    /**
     * Binds {@code bytes} to {@code type}.
     *
     * @throws MalformedResponseException if they are not JSON or not shaped like {@code type}
     */
    public static <T> T bind(byte[] bytes, Type type, String what) {
        try {
            return JSONB.fromJson(new ByteArrayInputStream(bytes), type);
        } catch (JsonbException | IllegalStateException | ClassCastException e) {
            throw malformed(what + " is not a JSON object of the expected shape", e);
        }
    }

    // ---- server side: a request body read as a server does ----------------------------------

    /**
     * Binds a request body to {@code type} as a server reads it: an empty body is an empty object.
     *
     * @throws InvalidRequestException what the API answers with 400, "Invalid JSON payload received."
     *     and what is wrong
     */
    public static <T> T bindRequest(byte[] bytes, Type type) {
        try {
            return JSONB.fromJson(new ByteArrayInputStream(bytes.length == 0 ? EMPTY_OBJECT : bytes), type);
        } catch (JsonbException | IllegalStateException | ClassCastException e) {
            throw invalidPayload(e.getMessage());
        }
    }

    /** The 400 of a request body that is not what the API takes: "Invalid JSON payload received." and the problem. */
    public static InvalidRequestException invalidPayload(String problem) {
        return new InvalidRequestException("Invalid JSON payload received. " + problem, ErrorDetails.NONE);
    }

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    /** A malformed-reply exception for a call that got HTTP 200. */
    public static MalformedResponseException malformed(String message, Throwable cause) {
        return new MalformedResponseException(message, new ErrorDetails(200, Optional.empty(), Optional.empty(), 1,
                Optional.empty()), cause);
    }
}
