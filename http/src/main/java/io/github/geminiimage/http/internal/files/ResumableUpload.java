package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.http.internal.files.FileExchanges.UploadStatus;
import io.github.geminiimage.http.internal.retry.RetryDecider;
import io.github.geminiimage.port.UploadProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One resumable upload (docs/wire-format.md, "Files"): start, chunks of a multiple of the server's
 * granularity streamed from the content, {@code upload, finalize} on the last, and the check that the
 * stored file has the size and SHA-256 of what was read. Resuming is protocol logic, so it lives
 * here (see {@code recover}); the decisions are the engine's. Any failure after the start cancels
 * the session, best effort; a mismatched digest deletes the stored file; nothing half-uploaded is
 * returned. Single use; not thread-safe (its steps run one after the other, on whatever thread the
 * driver completes them).
 */
public final class ResumableUpload {

    private final Driver driver;
    private final Endpoint endpoint;
    private final FileUpload upload;
    private final UploadProgress progress;
    private final RetryDecider decider;
    private final Duration recoveryBudget;
    private final long wantedChunk;
    private UploadSource source;
    private UploadSession session;
    private long chunkSize;
    private long confirmed;
    private int failures;
    private Instant recoveryDeadline;
    private boolean finished;

    ResumableUpload(Driver driver, Endpoint endpoint, FileUpload upload, UploadProgress progress, RetryDecider decider,
            Duration recoveryBudget, long wantedChunk) {
        this.driver = driver;
        this.endpoint = endpoint;
        this.upload = upload;
        this.progress = progress;
        this.decider = decider;
        this.recoveryBudget = recoveryBudget;
        this.wantedChunk = wantedChunk;
    }

    /** Runs the upload: the stored file, or a failure of the library's types. @param chunkSize the wanted chunk size, rounded to the granularity */
    public static CompletableFuture<StoredFile> run(Driver driver, Endpoint endpoint, FileUpload upload, UploadProgress progress,
            RetryDecider decider, Duration recoveryBudget, long chunkSize) {
        return new ResumableUpload(driver, endpoint, upload, progress, decider, recoveryBudget, chunkSize).run();
    }

    private CompletableFuture<StoredFile> run() {
        try {
            source = UploadSource.open(upload);
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
        report(0);
        CompletableFuture<StoredFile> result = driver.call(FileExchanges.start(endpoint, upload)).thenCompose(started -> {
            session = started;
            chunkSize = started.chunkSize(wantedChunk);
            return sendFrom(0);
        });
        return result.handle((file, failure) -> {
            source.close();
            if (failure == null) {
                return CompletableFuture.completedFuture(file);
            }
            ImageGenerationException e = Driver.failure(failure);
            if (session != null && !finished) {
                // Best effort: the session would expire anyway; its failure must not hide the real one.
                driver.call(FileExchanges.cancel(session)).exceptionally(ignored -> null);
            }
            return CompletableFuture.<StoredFile>failedFuture(e);
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<StoredFile> sendFrom(long offset) {
        long length = Math.min(chunkSize, source.total() - offset);
        boolean last = offset + length == source.total();
        return driver.call(FileExchanges.chunk(session, source.chunk(offset, length), offset, last))
                .handle((status, failure) -> failure == null ? afterChunk(status, offset + length, last)
                        : recover(Driver.failure(failure)))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<StoredFile> afterChunk(UploadStatus status, long end, boolean last) {
        if (last) {
            if (!status.isFinal() || status.file().isEmpty()) {
                return failed(FileExchanges.malformed("all " + source.total() + " bytes were sent but the upload's status is "
                        + status.status() + ", not final with the file", null));
            }
            return finish(status.file().get());
        }
        if (!status.isActive()) {
            return failed(new TransportException("the server ended the upload session (status " + status.status()
                    + ") after " + end + " of " + source.total() + " bytes", ErrorDetails.ofAttempts(1), null, false));
        }
        progressed(end);
        return sendFrom(end);
    }

    /**
     * A chunk failed: decide, wait, ask the server what it holds, and go on from there. Each chunk
     * is sent once (the engine would resend the same bytes to an offset the server may have moved
     * past); when it fails as the engine would retry (a break, a timeout, a retryable status), the
     * same {@link RetryDecider} decides whether and after how long to recover, counting the failures
     * since the server last confirmed progress against {@code RetryPolicy.maxAttempts}, and every
     * wait ends within one overall deadline of the first of those failures. Recovering is a
     * {@code query} (retried by the engine like any call) and a new chunk from the offset the server
     * reports. A stream cannot be read again: it resumes only if the server holds exactly what was
     * read, and otherwise fails saying so (nothing is buffered).
     */
    private CompletableFuture<StoredFile> recover(ImageGenerationException failure) {
        Optional<ImageGenerationException> ownFault = source.failure();
        if (ownFault.isPresent()) {
            return failed(ownFault.get());
        }
        if (!decider.isRetried(failure)) {
            return failed(failure);
        }
        failures++;
        Instant now = driver.now();
        if (recoveryDeadline == null) {
            recoveryDeadline = now.plus(recoveryBudget);
        }
        RetryDecider.Decision decision = decider.decide(failure, Optional.empty(), false, failures, now, recoveryDeadline);
        if (decision instanceof RetryDecider.GiveUp giveUp) {
            return failed(giveUp.exception());
        }
        Duration wait = decision instanceof RetryDecider.Retry retry ? retry.delay() : Duration.ZERO;
        return driver.delay(wait).thenCompose(ignored -> driver.call(FileExchanges.query(session)))
                .thenCompose(status -> resume(status, failure));
    }

    private CompletableFuture<StoredFile> resume(UploadStatus status, ImageGenerationException cut) {
        if (status.isFinal()) {
            return status.file().map(this::finish).orElseGet(() -> failed(FileExchanges.malformed(
                    "the server reports the upload final but its query reply holds no file", null)));
        }
        if (!status.isActive()) {
            return failed(new TransportException("the server ended the upload session (status " + status.status() + ")",
                    ErrorDetails.ofAttempts(1), cut, false));
        }
        long held = status.received().orElseThrow(() -> FileExchanges.malformed(
                "the upload query reply has no X-Goog-Upload-Size-Received", null));
        if (held < 0 || held > source.total()) {
            return failed(FileExchanges.malformed("the upload query reply says the server holds " + held + " bytes of "
                    + source.total(), null));
        }
        if (!source.canContinueFrom(held)) {
            return failed(new TransportException("the upload broke (" + cut.getClass().getSimpleName() + ") and the server "
                    + "holds " + held + " of its " + source.total() + " bytes; an upload from a stream cannot be read again "
                    + "to resume, upload from a file to resume after a cut", ErrorDetails.ofAttempts(failures), cut, false));
        }
        progressed(held);
        return sendFrom(held);
    }

    /** The server confirmed {@code held} bytes: reports them, and a move forward resets the failure count. */
    private void progressed(long held) {
        if (held > confirmed) {
            failures = 0;
            recoveryDeadline = null;
        }
        confirmed = held;
        report(held);
    }

    private CompletableFuture<StoredFile> finish(StoredFile file) {
        finished = true;
        if (file.sizeBytes() != source.total()) {
            return discard(file, "the stored file " + file.name() + " has " + file.sizeBytes() + " bytes, not the "
                    + source.total() + " sent");
        }
        Sha256 sent = source.sha256();
        if (file.sha256().isPresent() && !file.sha256().get().equals(sent)) {
            return discard(file, "the stored file " + file.name() + " has SHA-256 " + file.sha256().get().hex()
                    + " but the content sent has " + sent.hex());
        }
        report(source.total());
        return CompletableFuture.completedFuture(file);
    }

    /** Deletes a stored file that is not what was sent (best effort) and fails. */
    private CompletableFuture<StoredFile> discard(StoredFile file, String problem) {
        TransportException e = new TransportException(problem + "; it was deleted", ErrorDetails.ofAttempts(1), null, false);
        return driver.call(FileExchanges.delete(endpoint, file.name())).handle((ok, ignored) -> null)
                .thenCompose(ignored -> failed(e));
    }

    private void report(long sent) {
        try {
            progress.onProgress(sent, upload.sizeBytes());
        } catch (RuntimeException e) {
            // A progress bar's failure must not break the upload (UploadProgress's contract).
        }
    }

    private static CompletableFuture<StoredFile> failed(ImageGenerationException e) {
        return CompletableFuture.failedFuture(e);
    }
}
