package io.github.geminiimage.http.internal.calls.batches;

import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.wire.batch.BatchResultReader;
import io.github.geminiimage.wire.batch.RequestJsonWriter;
import io.github.geminiimage.wire.batch.ResponseJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The multi-call flows of Batch Mode, written once for the blocking and the async driver: submit
 * (requests spooled once to a temporary JSONL file, checked before any I/O; inline, or uploaded
 * through the Files API and awaited {@code ACTIVE}; then the create, sent once) and the results
 * (inline from the {@code batches.get} reply, or a results file downloaded to a temporary file).
 */
public final class BatchFlows {

    /** What the flows need of the Files API: the client's files view, on the same driver. */
    public interface FileStore {
        /** Uploads {@code upload} and waits, if needed, until the file is {@code ACTIVE}. */
        CompletableFuture<StoredFile> uploadActive(Driver driver, FileUpload upload);

        /** Downloads {@code name} to {@code target}, blocking. */
        long download(String name, Path target);
    }

    private BatchFlows() {
    }

    /**
     * Submits a job: the requests are read on the driver (a reader thread when async), the rest
     * chained on its calls and waits; the temporary files are deleted when it ends.
     */
    public static CompletableFuture<BatchJob> submit(Driver driver, Endpoint endpoint, FileStore files,
            RequestJsonWriter codec, String displayName, String model,
            Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        return driver.work(() -> BatchSpool.write(model, requests, codec)).thenCompose(spool -> {
            CompletableFuture<BatchJob> job;
            try {
                job = create(driver, endpoint, files, displayName, model, spool, options);
            } catch (RuntimeException e) {
                job = CompletableFuture.failedFuture(e);
            }
            return job.whenComplete((created, failure) -> spool.close());
        });
    }

    private static CompletableFuture<BatchJob> create(Driver driver, Endpoint endpoint, FileStore files,
            String displayName, String model, BatchSpool spool, BatchSubmitOptions options) {
        if (spool.mode(options) == BatchInputMode.INLINE) {
            return driver.call(BatchCalls.create(model, spool.inlineBody(displayName), endpoint));
        }
        String uploadName = displayName.length() > 490 ? displayName.substring(0, 490) : displayName;
        FileUpload input = FileUpload.fromFile(spool.file()).mimeType("application/jsonl")
                .displayName(uploadName + " (batch input)").build();
        return files.uploadActive(driver, input).thenCompose(file -> driver.call(BatchCalls.create(model, BatchCalls.fileInputBody(displayName,
                        file.name()), endpoint)));
    }

    /** The results in input order, read lazily; a results file is deleted when the stream closes. */
    public static Stream<BatchResult> results(CallEngine engine, Endpoint endpoint, FileStore files,
            ResponseJsonReader codec, String name) {
        String full = BatchJob.checkName(name);
        BatchCalls.Opened opened = engine.execute(BatchCalls.openResults(full, endpoint));
        if (opened instanceof BatchCalls.Inline inline) {
            return new BatchResultReader(inline.jsonl(), codec).stream();
        }
        BatchJob job = ((BatchCalls.Job) opened).job();
        if (job.output().orElse(null) instanceof BatchOutput.ResponsesFile file) {
            return fileResults(files, codec, file.fileName());
        }
        throw new InvalidRequestException(full + " has no results: it is " + job.state()
                + (job.isDone() ? "" : "; wait until it ends (await)"), ErrorDetails.ofAttempts(1));
    }

    private static Stream<BatchResult> fileResults(FileStore files, ResponseJsonReader codec, String fileName) {
        Path temp = null;
        try {
            temp = Files.createTempFile("gemini-batch-results-", ".jsonl");
            files.download(fileName, temp);
            InputStream in = Files.newInputStream(temp);
            Path created = temp;
            return new BatchResultReader(in, codec).stream().onClose(() -> BatchSpool.deleteQuietly(created));
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                BatchSpool.deleteQuietly(temp);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TransportException("could not write the batch results to a temporary file (" + e.getMessage() + ")",
                    ErrorDetails.ofAttempts(0), e, false);
        }
    }
}
