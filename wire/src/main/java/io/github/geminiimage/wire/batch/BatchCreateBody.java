package io.github.geminiimage.wire.batch;

import io.github.geminiimage.wire.internal.codec.JsonPull;
import io.github.geminiimage.wire.internal.json.BatchJson;
import io.github.geminiimage.wire.internal.json.JsonDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The body of {@code models/{model}:batchGenerateContent} (docs/wire-format.md, "Batch Mode"): a job
 * over an uploaded JSONL file (a small document, bound with JSON-B), or an inline job whose requests
 * are copied from such a file without being decoded or held. Stateless and thread-safe.
 */
public final class BatchCreateBody {

    private static final int MAX_KEY = 64 * 1024;

    private BatchCreateBody() {
    }

    /** {@code {"batch":{"displayName":...,"inputConfig":{"fileName":...}}}}. */
    public static byte[] fileInput(String displayName, String fileName) {
        return JsonDocuments.toJson(new BatchJson.CreateBody(new BatchJson.Batch(Objects.requireNonNull(displayName, "displayName"),
                new BatchJson.InputConfig(Objects.requireNonNull(fileName, "fileName")))));
    }

    /**
     * Writes the inline body of the input lines {@code jsonl} (as {@link BatchInputWriter} writes
     * them): {@code {"batch":{"displayName":...,"inputConfig":{"requests":{"requests":[{"request":{...},
     * "metadata":{"key":...}},...]}}}}}, each request copied byte for byte.
     */
    public static void writeInline(String displayName, InputStream jsonl, OutputStream out) throws IOException {
        out.write(("{\"batch\":{\"displayName\":" + BatchInputWriter.quote(displayName)
                + ",\"inputConfig\":{\"requests\":{\"requests\":[").getBytes(StandardCharsets.UTF_8));
        JsonPull lines = new JsonPull(jsonl, MAX_KEY, "batch input");
        boolean first = true;
        while (!lines.atEnd()) {
            lines.beginObject();
            String key = null;
            out.write((first ? "{" : ",{").getBytes(StandardCharsets.US_ASCII));
            first = false;
            for (String member = lines.nextName(); member != null; member = lines.nextName()) {
                if (member.equals("key")) {
                    key = lines.readString();
                } else if (member.equals("request")) {
                    out.write("\"request\":".getBytes(StandardCharsets.US_ASCII));
                    try (InputStream request = lines.valueStream()) {
                        request.transferTo(out);
                    }
                } else {
                    lines.skipValue();
                }
            }
            out.write((",\"metadata\":{\"key\":" + BatchInputWriter.quote(key) + "}}").getBytes(StandardCharsets.UTF_8));
        }
        out.write("]}}}}".getBytes(StandardCharsets.US_ASCII));
    }
}
