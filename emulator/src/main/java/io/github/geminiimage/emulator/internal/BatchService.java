package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.BatchOperations;
import io.github.geminiimage.wire.JsonBody;
import io.github.geminiimage.wire.batch.BatchCreateReader;
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

    /** What the create body said that the operation echoes, beside the job. */
    private record Info(Optional<String> inputConfigJson, boolean keysGiven, Optional<String> displayName,
            Optional<String> priority) {
    }

    /** Decodes one {@code GenerateContentRequest} of a job as the generate calls do. */
    @FunctionalInterface
    public interface RequestReader {
        /**
         * The request {@code json} says, for {@code model}.
         *
         * @throws ApiError the service's 400 for a request it refuses
         */
        GenerationRequest read(String model, byte[] json);
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

    /** {@code POST models/{model}:batchGenerateContent}, the body already read; each request decoded by {@code reader}. */
    public JsonBody create(String model, BatchCreateReader.Create body, RequestReader reader) {
        List<KeyedRequest> requests = new ArrayList<>();
        boolean keysGiven = true;
        if (body.fileName().isEmpty()) {
            for (int i = 0; i < body.requests().size(); i++) {
                BatchCreateReader.KeyedJson item = body.requests().get(i);
                keysGiven &= item.key().isPresent();
                requests.add(keyed(item.key().orElse("request-" + (i + 1)), model, item.requestJson(), reader));
            }
        } else {
            FileStore.Entry entry = files.require(body.fileName().get().substring("files/".length()));
            try (BufferedReader lines = Files.newBufferedReader(entry.content(), StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = lines.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    BatchCreateReader.KeyedJson item;
                    try {
                        item = BatchCreateReader.readLine(line, "line " + n + " of " + entry.name());
                    } catch (InvalidRequestException e) {
                        throw ApiError.invalidArgument(e.getMessage());
                    }
                    requests.add(keyed(item.key().orElse("request-" + n), model, item.requestJson(), reader));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        BatchJob job;
        try {
            job = batches.submit(body.displayName().orElse("batch"), model, requests,
                    BatchSubmitOptions.via(body.fileName().isEmpty() ? BatchInputMode.INLINE : BatchInputMode.FILE));
        } catch (ImageGenerationException e) {
            throw Outcomes.error(e, model);
        }
        infos.put(job.name(), new Info(body.inputConfigJson(), keysGiven, body.displayName(), body.priority()));
        return BatchOperations.encode(operation(job, true));
    }

    private static KeyedRequest keyed(String key, String model, String json, RequestReader reader) {
        try {
            return KeyedRequest.of(key, reader.read(model, json.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument(e.getMessage());
        }
    }

    /** {@code GET batches/{id}}. */
    public JsonBody get(String id) {
        return BatchOperations.encode(operation(call(() -> batches.get("batches/" + id)), true));
    }

    /** {@code GET batches}: the operations without inline results. */
    public JsonBody list(int pageSize, Optional<String> pageToken) {
        BatchPage page = call(() -> batches.listPage(pageSize, pageToken));
        return BatchOperations.encodePage(page.jobs().stream().map(job -> operation(job, false)).toList(),
                page.nextPageToken());
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

    /**
     * What the operation of {@code job} shows: the display name and priority as the create body gave
     * them (none when it gave none), the input echoed, and for a finished inline job read with its
     * results, those results. A results file is copied into the Files store first, so the name it
     * shows can be downloaded.
     */
    private BatchOperations.Operation operation(BatchJob job, boolean withResults) {
        Info info = infos.getOrDefault(job.name(), new Info(Optional.empty(), true, Optional.empty(), Optional.empty()));
        BatchJob shown = new BatchJob(job.name(), info.displayName(), job.model(), job.state(), job.counts(),
                job.createTime(), job.updateTime(), job.endTime(), job.output(), job.error());
        Optional<List<BatchResult>> results = Optional.empty();
        if (job.output().orElse(null) instanceof BatchOutput.ResponsesFile file) {
            copyResultsFile(file.fileName());
        } else if (job.output().isPresent() && withResults) {
            try (Stream<BatchResult> all = batches.results(job.name())) {
                results = Optional.of(all.toList());
            } catch (ImageGenerationException e) {
                throw Outcomes.error(e, job.model());
            }
        }
        return new BatchOperations.Operation(shown, info.inputConfigJson(), info.priority(), results, info.keysGiven());
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
