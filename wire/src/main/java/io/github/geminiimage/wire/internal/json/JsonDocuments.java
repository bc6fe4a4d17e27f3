package io.github.geminiimage.wire.internal.json;

import io.github.geminiimage.domain.error.ErrorDetails;
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

    /** A malformed-reply exception for a call that got HTTP 200. */
    public static MalformedResponseException malformed(String message, Throwable cause) {
        return new MalformedResponseException(message, new ErrorDetails(200, Optional.empty(), Optional.empty(), 1,
                Optional.empty()), cause);
    }
}
