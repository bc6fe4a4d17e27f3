package io.github.geminiimage.wire.batch;

import static io.github.geminiimage.wire.internal.codec.ProtoFields.array;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.invalid;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.invalidValue;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.member;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.object;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.requireKnown;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.snake;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.string;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.internal.json.JsonDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of {@link BatchCreateBody} (docs/wire-format.md, "Batch Mode"): the body of
 * {@code models/{model}:batchGenerateContent} read as the API reads it, and the lines of an uploaded
 * JSONL input file. Members are taken under their camelCase or snake_case names (proto3 JSON);
 * unknown members of the body and of {@code batch} are refused as the API refuses them. Each
 * request is handed on as its JSON text, for a server's {@code GenerateContentRequest} reader
 * ({@code GenerateContentCodec.readRequest}) to decode and refuse. Both documents are bound with
 * JSON-B as one generic value, as they are held whole anyway. Stateless and thread-safe.
 */
public final class BatchCreateReader {

    private static final Set<String> TOP_LEVEL = Set.of("batch");
    private static final Set<String> BATCH = Set.of("displayName", "inputConfig", "priority", "webhookConfig", "model",
            "name", "output", "createTime", "endTime", "updateTime", "batchStats", "state");

    private BatchCreateReader() {
    }

    /**
     * One request of a job: an inline request, or a line of an input file.
     *
     * @param key the key it was given ({@code metadata.key} inline, {@code key} in a file), if any
     * @param requestJson the {@code GenerateContentRequest}, one JSON object, not yet checked
     */
    public record KeyedJson(Optional<String> key, String requestJson) {

        /** Checks that every component is present. */
        public KeyedJson {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(requestJson, "requestJson");
        }
    }

    /**
     * What a create body asks for.
     *
     * @param displayName the job's display name, if given
     * @param priority the priority as sent (a number or a string), if given
     * @param fileName for a file job, the input file as {@code files/{id}}
     * @param requests for an inline job, its requests in order; empty for a file job
     */
    public record Create(Optional<String> displayName, Optional<String> priority, Optional<String> fileName,
            List<KeyedJson> requests) {

        /** Checks that every component is present and copies the requests. */
        public Create {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(fileName, "fileName");
            requests = List.copyOf(requests);
        }

        /** The {@code inputConfig} an operation echoes: {@code {"fileName":"files/..."}} for a file job, none inline. */
        public Optional<String> inputConfigJson() {
            return fileName.map(name -> new String(JsonDocuments.toJson(new FileInput(name)), StandardCharsets.UTF_8));
        }
    }

    /** The echoed {@code inputConfig} of a file job. */
    public record FileInput(String fileName) {
    }

    /**
     * Reads a create body: {@code {"batch":{"displayName"?,"priority"?,"inputConfig":{"requests":
     * {"requests":[{"request":{...},"metadata":{"key":...}}]}}}}} or {@code "inputConfig":{"fileName":...}}.
     *
     * @throws InvalidRequestException what the API answers with 400: not JSON, an unknown member, no
     *     {@code batch} or {@code inputConfig}, both or neither of {@code requests} and {@code fileName},
     *     an item without its request, a member of the wrong type (the message names it and its value)
     */
    public static Create read(byte[] body) {
        Map<?, ?> root = root(JsonDocuments.bindRequest(body, Object.class));
        requireKnown(root, TOP_LEVEL, "");
        Map<?, ?> batch = object(root, "batch", "").orElseThrow(() ->
                invalid("* BatchGenerateContentRequest.batch: batch is required"));
        requireKnown(batch, BATCH, "batch");
        Map<?, ?> input = object(batch, "inputConfig", "batch").orElseThrow(() ->
                invalid("* GenerateContentBatch.input_config: input_config is required"));
        Optional<Map<?, ?>> inline = object(input, "requests", "batch.inputConfig");
        Optional<String> fileName = string(input, "fileName", "batch.inputConfig");
        if (inline.isPresent() == fileName.isPresent()) {
            throw invalid("* GenerateContentBatch.input_config: exactly one of requests and file_name must be set");
        }
        List<KeyedJson> requests = new ArrayList<>();
        if (inline.isPresent()) {
            List<?> items = array(inline.get(), "requests", "batch.inputConfig.requests");
            for (int i = 0; i < items.size(); i++) {
                String where = "batch.inputConfig.requests.requests[" + i + "]";
                if (!(items.get(i) instanceof Map<?, ?> item)) {
                    throw invalidValue(where, items.get(i));
                }
                Map<?, ?> request = object(item, "request", where).orElseThrow(() ->
                        invalid("* " + snake(where) + ".request: request is required"));
                Optional<String> key = object(item, "metadata", where).flatMap(m -> string(m, "key", where + ".metadata"));
                requests.add(new KeyedJson(key, json(request)));
            }
        }
        Optional<String> priority = member(batch, "priority").map(p -> p instanceof String s ? s : json(p));
        return new Create(string(batch, "displayName", "batch"), priority,
                fileName.map(n -> n.startsWith("files/") ? n : "files/" + n), requests);
    }

    /**
     * Reads one line of a JSONL input file: {@code {"key":...,"request":{...}}}.
     *
     * @param where the line, for messages ("line 3 of files/abc")
     * @throws InvalidRequestException if the line is not a JSON object, has no request, or a member
     *     of the wrong type (the message names the line)
     */
    public static KeyedJson readLine(String line, String where) {
        Map<?, ?> object = root(JsonDocuments.bindRequest(line.getBytes(StandardCharsets.UTF_8), Object.class));
        Map<?, ?> request = object(object, "request", "request").orElseThrow(() -> invalid(where + " has no request"));
        return new KeyedJson(string(object, "key", "key"), json(request));
    }

    // ---- the generic value JSON-B binds: Map, List, String, BigDecimal, Boolean ------------------

    private static Map<?, ?> root(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw JsonDocuments.invalidPayload("Expected an object.");
        }
        return map;
    }

    private static String json(Object value) {
        return new String(JsonDocuments.toJson(value), StandardCharsets.UTF_8);
    }
}
