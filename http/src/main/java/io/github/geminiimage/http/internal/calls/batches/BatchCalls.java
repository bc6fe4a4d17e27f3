package io.github.geminiimage.http.internal.calls.batches;

import io.github.geminiimage.domain.batch.BatchInputCheck;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.engine.RequestSpec;
import io.github.geminiimage.wire.batch.BatchCreateBody;
import io.github.geminiimage.wire.batch.OperationReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The batch endpoints (docs/wire-format.md, "Batch Mode") as exchanges: the request builders and reply readers,
 * nothing more; credentials, retries, deadlines and errors are the engine's. {@code create} is not
 * idempotent: the port runs it on an engine that never retries.
 */
public final class BatchCalls {

    /**
     * The cancel body: the empty JSON message rather than no bytes, which Google's JSON APIs accept
     * alike and which every transport can send (the JDK one refuses a 0-byte streamed body).
     */
    private static final byte[] EMPTY_MESSAGE = {'{', '}'};

    private BatchCalls() {
    }

    /** What {@link #openResults} found: the inline responses as JSONL, or the job (without them). */
    public sealed interface Opened permits Inline, Job {
    }

    /**
     * The inline responses, streamed from the reply: close the stream to close the reply.
     *
     * @param jsonl one response per line, in input order
     */
    public record Inline(InputStream jsonl) implements Opened {
    }

    /**
     * The job had no inline responses.
     *
     * @param job the job as read
     */
    public record Job(BatchJob job) implements Opened {
    }

    /** {@code POST models/{model}:batchGenerateContent} of a body held in {@code body} (a file), answered by the job. */
    public static Exchange<BatchJob> create(String model, Path body, Endpoint endpoint) {
        String modelId = BatchInputCheck.bareModel(model);
        return Exchange.of("batches.create", Optional.of(modelId),
                () -> RequestSpec.postJson(endpoint.modelMethod(modelId, "batchGenerateContent"), fileBody(body)),
                reply -> OperationReader.read(reply.body()))
                .withAttempts(Exchange.Attempts.NEVER_RETRIED); // each create makes a job: never sent twice
    }

    /** The create body of a job whose input is the uploaded file {@code fileName}. */
    public static byte[] fileInputBody(String displayName, String fileName) {
        return BatchCreateBody.fileInput(displayName, fileName);
    }

    /** {@code POST models/{model}:batchGenerateContent} of a small body held in memory. */
    public static Exchange<BatchJob> create(String model, byte[] body, Endpoint endpoint) {
        String modelId = BatchInputCheck.bareModel(model);
        return Exchange.of("batches.create", Optional.of(modelId),
                () -> RequestSpec.postJson(endpoint.modelMethod(modelId, "batchGenerateContent"), RequestBody.ofBytes(body)),
                reply -> OperationReader.read(reply.body()))
                .withAttempts(Exchange.Attempts.NEVER_RETRIED); // each create makes a job: never sent twice
    }

    /** {@code GET batches/{id}}: the job, inline responses counted while skipped. */
    public static Exchange<BatchJob> get(String name, Endpoint endpoint) {
        return Exchange.of("batches.get", Optional.empty(),
                () -> RequestSpec.withoutBody("GET", endpoint.resource(name)),
                reply -> OperationReader.read(reply.body()));
    }

    /**
     * {@code GET batches/{id}} read up to the first inline responses, which are then handed to the
     * caller as a stream (the reply stays open until it is closed); a job without them is read whole.
     */
    public static Exchange<Opened> openResults(String name, Endpoint endpoint) {
        return Exchange.<Opened>of("batches.get", Optional.empty(),
                () -> RequestSpec.withoutBody("GET", endpoint.resource(name)),
                reply -> {
                    OperationReader.Results results = OperationReader.readResults(reply.body(), reply::handOver);
                    return results.job().<Opened>map(Job::new).orElseGet(() -> new Inline(results.inlineResponses().get()));
                }).withReplyCap(Long.MAX_VALUE); // decoded one response at a time, each capped by the line codec
    }

    /** {@code GET batches?pageSize=N&pageToken=T}. */
    public static Exchange<BatchPage> list(int pageSize, Optional<String> pageToken, Endpoint endpoint) {
        return Exchange.of("batches.list", Optional.empty(), () -> {
            RequestSpec spec = RequestSpec.withoutBody("GET", endpoint.resource("batches"))
                    .withQueryParameter("pageSize", Integer.toString(pageSize));
            return pageToken.map(token -> spec.withQueryParameter("pageToken", token)).orElse(spec);
        }, reply -> OperationReader.readPage(reply.body()));
    }

    /** {@code POST batches/{id}:cancel} with the body {@code {}}; the reply ({@code {}}) is ignored. */
    public static Exchange<Void> cancel(String name, Endpoint endpoint) {
        return Exchange.of("batches.cancel", Optional.empty(),
                () -> RequestSpec.postJson(endpoint.resource(name + ":cancel"), RequestBody.ofBytes(EMPTY_MESSAGE)), reply -> null);
    }

    /** {@code DELETE batches/{id}}; the reply is ignored, as the SDKs do. */
    public static Exchange<Void> delete(String name, Endpoint endpoint) {
        return Exchange.of("batches.delete", Optional.empty(),
                () -> RequestSpec.withoutBody("DELETE", endpoint.resource(name)), reply -> null);
    }

    private static RequestBody fileBody(Path file) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new TransportException("the batch create body is gone: " + e.getMessage(), ErrorDetails.ofAttempts(0), e, false);
        }
        return new RequestBody() {
            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
        };
    }
}
