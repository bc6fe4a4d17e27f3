package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ImageGenerationException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Batch Mode on the wire over {@link FakeBatches}: create from inline
 * requests or a JSONL file of the Files store, the operation with {@code BATCH_STATE_*}, string
 * counts, results in {@code response} and {@code metadata.output}; a file job's results file is
 * copied into the Files store once the job has results, so it is listed and downloaded like any
 * generated file. Thread-safe.
 */
public final class BatchService {

    private static final String TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.";

    private record Info(JsonObject inputConfig, boolean keysGiven, Optional<String> displayName, Optional<String> priority) {
    }

    private final Supplier<FakeBatches> factory;
    private final FileStore files;
    private volatile FakeBatches batches;
    private final Map<String, Info> infos = new ConcurrentHashMap<>();

    /** A service over fakes made by {@code factory} (a new one after each {@link #reset()}). */
    public BatchService(Supplier<FakeBatches> factory, FileStore files) {
        this.factory = factory;
        this.files = files;
        this.batches = factory.get();
    }

    /** The fake that runs the jobs now. */
    public FakeBatches batches() {
        return batches;
    }

    /** Forgets every job. */
    public void reset() {
        FakeBatches old = batches;
        batches = factory.get();
        infos.clear();
        old.close();
    }

    /** Stops the fake. */
    public void close() {
        batches.close();
    }

    /** {@code POST models/{model}:batchGenerateContent}. */
    public JsonObject create(String model, JsonObject body, RequestDecoder.FileResolver resolver, String base) {
        JsonMembers.requireKnown(body, java.util.Set.of("batch"), "");
        JsonObject batch = JsonMembers.object(body, "batch", "").orElseThrow(() ->
                ApiError.invalidArgument("* BatchGenerateContentRequest.batch: batch is required"));
        JsonMembers.requireKnown(batch, java.util.Set.of("displayName", "inputConfig", "priority", "webhookConfig", "model",
                "name", "output", "createTime", "endTime", "updateTime", "batchStats", "state"), "batch");
        JsonObject input = JsonMembers.object(batch, "inputConfig", "batch").orElseThrow(() ->
                ApiError.invalidArgument("* GenerateContentBatch.input_config: input_config is required"));
        Optional<JsonObject> inline = JsonMembers.object(input, "requests", "batch.input_config");
        Optional<String> fileName = JsonMembers.string(input, "fileName", "batch.input_config");
        if (inline.isPresent() == fileName.isPresent()) {
            throw ApiError.invalidArgument("* GenerateContentBatch.input_config: exactly one of requests and file_name "
                    + "must be set");
        }
        List<KeyedRequest> requests = new ArrayList<>();
        boolean keysGiven = true;
        JsonObject echo;
        if (inline.isPresent()) {
            List<JsonValue> items = JsonMembers.array(inline.get(), "requests", "batch.input_config.requests");
            for (int i = 0; i < items.size(); i++) {
                JsonObject item = items.get(i).asJsonObject();
                String where = "batch.input_config.requests.requests[" + i + "]";
                JsonObject request = JsonMembers.object(item, "request", where).orElseThrow(() ->
                        ApiError.invalidArgument("* " + where + ".request: request is required"));
                Optional<String> key = JsonMembers.object(item, "metadata", where)
                        .flatMap(m -> JsonMembers.string(m, "key", where + ".metadata"));
                keysGiven &= key.isPresent();
                requests.add(keyed(key.orElse("request-" + (i + 1)), model, request, resolver));
            }
            echo = JsonValue.EMPTY_JSON_OBJECT;
        } else {
            String id = fileName.get().startsWith("files/") ? fileName.get().substring(6) : fileName.get();
            FileStore.Entry entry = files.require(id);
            try (BufferedReader reader = Files.newBufferedReader(entry.content(), StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = reader.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    int lineNumber = n;
                    JsonObject object = JsonMembers.parseLine(line);
                    JsonObject request = JsonMembers.object(object, "request", "line " + n).orElseThrow(() ->
                            ApiError.invalidArgument("line " + lineNumber + " of " + entry.name() + " has no request"));
                    String key = JsonMembers.string(object, "key", "line").orElse("request-" + n);
                    requests.add(keyed(key, model, request, resolver));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            echo = Jsons.PROVIDER.createObjectBuilder().add("fileName", entry.name()).build();
        }
        Optional<String> displayName = JsonMembers.string(batch, "displayName", "batch");
        Optional<String> priority = JsonMembers.member(batch, "priority").map(v -> v instanceof jakarta.json.JsonString s
                ? s.getString() : v.toString());
        BatchJob job;
        try {
            job = batches.submit(displayName.orElse("batch"), model, requests,
                    BatchSubmitOptions.via(inline.isPresent() ? BatchInputMode.INLINE : BatchInputMode.FILE));
        } catch (ImageGenerationException e) {
            throw Outcomes.error(e, model);
        }
        infos.put(job.name(), new Info(echo, keysGiven, displayName, priority));
        return operation(job, true, base);
    }

    private static KeyedRequest keyed(String key, String model, JsonObject request, RequestDecoder.FileResolver resolver) {
        try {
            return KeyedRequest.of(key, RequestDecoder.decode(model, request, resolver).request());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument(e.getMessage());
        }
    }

    /** {@code GET batches/{id}}. */
    public JsonObject get(String id, String base) {
        return operation(call(() -> batches.get("batches/" + id)), true, base);
    }

    /** {@code GET batches}: the operations without inline results. */
    public JsonObject list(int pageSize, Optional<String> pageToken, String base) {
        BatchPage page = call(() -> batches.listPage(pageSize, pageToken));
        JsonObjectBuilder out = Jsons.PROVIDER.createObjectBuilder();
        if (!page.jobs().isEmpty()) {
            JsonArrayBuilder operations = Jsons.PROVIDER.createArrayBuilder();
            page.jobs().forEach(job -> operations.add(operation(job, false, base)));
            out.add("operations", operations);
        }
        page.nextPageToken().ifPresent(t -> out.add("nextPageToken", t));
        return out.build();
    }

    /** {@code POST batches/{id}:cancel}. */
    public void cancel(String id) {
        call(() -> {
            batches.cancel("batches/" + id);
            return null;
        });
    }

    /** {@code DELETE batches/{id}}. */
    public void delete(String id) {
        call(() -> {
            batches.delete("batches/" + id);
            return null;
        });
        infos.remove("batches/" + id);
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ImageGenerationException e) {
            throw Outcomes.error(e, "");
        }
    }

    private JsonObject operation(BatchJob job, boolean withResults, String base) {
        Info info = infos.getOrDefault(job.name(), new Info(JsonValue.EMPTY_JSON_OBJECT, true, Optional.empty(),
                Optional.empty()));
        JsonObjectBuilder metadata = Jsons.PROVIDER.createObjectBuilder()
                .add("@type", TYPE + "GenerateContentBatch")
                .add("model", "models/" + job.model());
        info.displayName().ifPresent(d -> metadata.add("displayName", d));
        if (!info.inputConfig().isEmpty()) {
            metadata.add("inputConfig", info.inputConfig());
        }
        job.createTime().ifPresent(t -> metadata.add("createTime", t.toString()));
        job.updateTime().ifPresent(t -> metadata.add("updateTime", t.toString()));
        job.endTime().ifPresent(t -> metadata.add("endTime", t.toString()));
        metadata.add("batchStats", stats(job.counts()));
        metadata.add("state", job.state().wireName());
        metadata.add("name", job.name());
        info.priority().ifPresent(p -> metadata.add("priority", p));
        Optional<JsonObject> output = job.output().flatMap(o -> output(job, o, info, withResults));
        output.ifPresent(o -> metadata.add("output", o));
        JsonObjectBuilder operation = Jsons.PROVIDER.createObjectBuilder().add("name", job.name()).add("metadata", metadata);
        if (job.isDone()) {
            operation.add("done", true);
            job.error().ifPresent(e -> operation.add("error", Jsons.PROVIDER.createObjectBuilder().add("code", e.code())
                    .add("message", e.message())));
            output.ifPresent(o -> {
                JsonObjectBuilder response = Jsons.PROVIDER.createObjectBuilder().add("@type", TYPE + "GenerateContentBatchOutput");
                o.forEach(response::add);
                operation.add("response", response);
            });
        }
        return operation.build();
    }

    private static JsonObject stats(BatchCounts counts) {
        JsonObjectBuilder stats = Jsons.PROVIDER.createObjectBuilder();
        count(stats, "requestCount", counts.total());
        count(stats, "successfulRequestCount", counts.succeeded());
        count(stats, "failedRequestCount", counts.failed());
        count(stats, "pendingRequestCount", counts.pending());
        return stats.build();
    }

    private static void count(JsonObjectBuilder b, String name, long value) {
        if (value != 0) {
            b.add(name, Long.toString(value));
        }
    }

    private Optional<JsonObject> output(BatchJob job, BatchOutput output, Info info, boolean withResults) {
        if (output instanceof BatchOutput.ResponsesFile file) {
            copyResultsFile(file.fileName());
            return Optional.of(Jsons.PROVIDER.createObjectBuilder().add("responsesFile", file.fileName()).build());
        }
        if (!withResults) {
            return Optional.empty();
        }
        JsonArrayBuilder responses = Jsons.PROVIDER.createArrayBuilder();
        try (Stream<BatchResult> results = batches.results(job.name())) {
            results.forEach(result -> responses.add(inlineResponse(result, info.keysGiven(), job.model())));
        } catch (ImageGenerationException e) {
            throw Outcomes.error(e, job.model());
        }
        return Optional.of(Jsons.PROVIDER.createObjectBuilder().add("inlinedResponses", Jsons.PROVIDER.createObjectBuilder()
                .add("inlinedResponses", responses)).build());
    }

    private static JsonObject inlineResponse(BatchResult result, boolean keysGiven, String model) {
        JsonObjectBuilder item = Jsons.PROVIDER.createObjectBuilder();
        if (result.isSuccess()) {
            try (jakarta.json.JsonReader reader = Jsons.PROVIDER.createReader(new java.io.ByteArrayInputStream(
                    ReplyEncoder.encode(result.requireResult(), false)))) {
                item.add("response", reader.readObject());
            }
        } else {
            item.add("error", Outcomes.error(result.error().orElseThrow(), model).toRpcStatus());
        }
        if (keysGiven) {
            item.add("metadata", Jsons.PROVIDER.createObjectBuilder().add("key", result.key()));
        }
        return item.build();
    }

    private void copyResultsFile(String fileName) {
        String id = fileName.substring("files/".length());
        if (files.get(id).isPresent()) {
            return;
        }
        synchronized (this) {
            if (files.get(id).isPresent()) {
                return;
            }
            try {
                FakeBatches current = batches;
                files.putGenerated(fileName, "application/jsonl", "results of batches/" + id.replaceFirst("^batch-", ""),
                        out -> current.files().download(fileName, out));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
