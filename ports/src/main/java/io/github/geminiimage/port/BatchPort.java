package io.github.geminiimage.port;

import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.port.batch.BatchImageFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Runs image requests on the Gemini API's Batch Mode: half the price, within 24 hours, on Google's
 * side (docs/wire-format.md, "Batch Mode"). {@link #submit} requests with keys, {@link #await} the
 * job, then read the {@link #results} by key or {@link #saveImages save the images}. Names are
 * {@code batches/} and an id. Thread-safe; the {@code port-tck} {@code BatchPortContract} checks
 * the contract written here and on each method.
 *
 * <p>Failures are {@link ImageGenerationException}s of {@link ImageGenerationPort}'s types (and a
 * {@link NullPointerException} for a null argument); a request failing inside a job is not thrown
 * but a {@link BatchResult} holding its exception. Async methods never block the caller and
 * complete with what the sync form returns or throws.
 */
public interface BatchPort extends AutoCloseable {

    /**
     * Creates a batch job and returns it as created (normally {@code PENDING}).
     *
     * <p>Every request is checked first (for the job's model, no key repeated): a bad one fails with
     * {@code InvalidRequestException} naming {@code requests[i]} before the job is created. The
     * requests are read once, front to back, never all held: a job sent as a file is written as
     * JSONL straight into a Files API upload (through a temporary file when the transport needs the
     * length first). Creating a job is not idempotent on the server, so the create call itself is
     * never retried.
     *
     * @param displayName the job's display name (1 to 512 characters), shown in listings
     * @param model the model id every request uses, e.g. {@code gemini-2.5-flash-image}
     * @param requests the requests with their keys, read once in order; keys are unique
     * @param options how to send them (inline, as a file, or picked by size)
     * @return the job
     * @throws ImageGenerationException {@code InvalidRequestException} for no request, a repeated key
     *     or a request for another model, before the job is created
     */
    BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options);

    /** {@link #submit(String, String, Iterable, BatchSubmitOptions)} from a stream, which is consumed (not closed). */
    default BatchJob submit(String displayName, String model, Stream<KeyedRequest> requests, BatchSubmitOptions options) {
        Iterator<KeyedRequest> iterator = requests.iterator();
        return submit(displayName, model, () -> iterator, options);
    }

    /** {@link #submit(String, String, Iterable, BatchSubmitOptions)} without blocking the caller. */
    CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options);

    /**
     * Reads a job's state, counts and times. States are read whichever prefix the server uses
     * ({@code BATCH_STATE_} on the wire, {@code JOB_STATE_} in Google's samples); counts it omits
     * are 0. A name the server does not hold is a {@code NotFoundException} or a
     * {@code PermissionDeniedException}, as the server answers.
     *
     * @param name {@code batches/...} (a bare id is accepted)
     */
    BatchJob get(String name);

    /** {@link #get} without blocking the caller. */
    CompletableFuture<BatchJob> getAsync(String name);

    /**
     * Reads one page of the listing, newest first as the server orders it.
     *
     * @param pageSize 1 to {@link BatchPage#MAX_PAGE_SIZE}
     * @param pageToken the previous page's token, or empty for the first page
     */
    BatchPage listPage(int pageSize, Optional<String> pageToken);

    /** {@link #listPage} without blocking the caller. */
    CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken);

    /**
     * Every job, fetched lazily a page at a time when the stream needs it. A failure while fetching a
     * page is thrown from the stream's terminal operation.
     */
    default Stream<BatchJob> list() {
        return BatchPage.streamAll(token -> listPage(BatchPage.MAX_PAGE_SIZE, token));
    }

    /**
     * Asks the server to cancel a job; requests not yet run are dropped (the state becomes
     * {@code CANCELLED}; results of the requests that ran may remain). Cancelling a finished job is
     * refused by the server ({@code InvalidRequestException}).
     */
    void cancel(String name);

    /** {@link #cancel} without blocking the caller. */
    CompletableFuture<Void> cancelAsync(String name);

    /** Deletes a job (and, for the server, its inline results); a second delete fails like a {@link #get} of an unknown name. */
    void delete(String name);

    /** {@link #delete} without blocking the caller. */
    CompletableFuture<Void> deleteAsync(String name);

    /**
     * Polls the job until it ends (succeeded, failed, cancelled, expired) and returns it as last read.
     * Polls as {@link io.github.geminiimage.domain.batch.BatchAwait} does: at once, then after 10 s,
     * each wait half again as long, at most 2 minutes, never past the deadline; a job reported
     * {@code SUCCEEDED} whose results are not readable yet is polled a few more times.
     *
     * @param name {@code batches/...}
     * @param timeout how long to wait in all
     * @param progress told the job after each poll
     * @throws ImageGenerationException {@code GenerationTimeoutException} if the job has not ended by the
     *     deadline, or the failure of a poll
     */
    BatchJob await(String name, Duration timeout, BatchProgress progress);

    /** {@link #await} without blocking the caller; cancelling the future stops the polling. */
    CompletableFuture<BatchJob> awaitAsync(String name, Duration timeout, BatchProgress progress);

    /**
     * The results of a finished job, one per request in input order, read lazily (the results file is
     * downloaded and decoded line by line as the stream is consumed). Close the stream
     * (try-with-resources). One result is decoded at a time, so a results file of gigabytes is read
     * in a small heap; results are found in the operation's {@code response} or its
     * {@code metadata.output}. A failure while reading is thrown from the stream's operations.
     *
     * @throws ImageGenerationException {@code InvalidRequestException} if the job has no results
     *     (not finished, failed or expired)
     */
    Stream<BatchResult> results(String name);

    /**
     * Saves the final image of every result to {@code folder} (created if missing), one file per key
     * named by {@link BatchImageFolder#fileName}, each written atomically; keys whose file exists are
     * skipped, so an interrupted save resumes when run again.
     *
     * @return what was written, skipped, and which keys failed and why
     * @throws java.io.UncheckedIOException if the folder cannot be written
     */
    default BatchSaveSummary saveImages(String name, Path folder) {
        Path staging = BatchImageFolder.staging(folder);
        try (Stream<BatchResult> results = results(name, staging)) {
            return BatchImageFolder.save(BatchImageFolder.consuming(results.iterator()), folder);
        } finally {
            BatchImageFolder.removeStaging(staging);
        }
    }

    /**
     * Like {@link #results(String)}, but each result's images are written to {@code folder} while
     * they are decoded ({@code result-N.png}, N counting the results from 1, drafts not kept), as
     * an {@link io.github.geminiimage.domain.ImageSink} writes them, instead of being held in
     * memory: the results then hold {@linkplain io.github.geminiimage.domain.GeneratedImage#written()
     * written} images. A result's files appear once it was read whole. The default holds each
     * result in memory and writes it there; the HTTP client decodes straight to the files.
     *
     * @param folder where the images go (created if missing)
     */
    default Stream<BatchResult> results(String name, Path folder) {
        java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
        return results(name).map(result -> BatchImageFolder.written(result, folder, number.incrementAndGet()));
    }

    /**
     * Releases only what this implementation created; calls after close fail at once with an
     * {@code ImageGenerationException}, and closing twice is harmless. A port that is a view of a
     * {@link GeminiClient} owns nothing: its {@code close()} does nothing, the client's closes it.
     */
    @Override
    void close();
}
