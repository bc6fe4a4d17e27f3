package io.github.geminiimage.port;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Stores files with the Gemini API's Files API: upload once (up to 2 GB, kept 48 hours), then
 * reference the file from any number of requests ({@code ImageInput.ofStoredFile}) or batches.
 * Names are {@code files/} and an id. Thread-safe; the {@code port-tck} {@code FilesPortContract}
 * checks the contract written here and on each method.
 *
 * <p>Failures are {@link ImageGenerationException}s of {@link ImageGenerationPort}'s types (and a
 * {@link NullPointerException} for a null argument). A file that does not exist, was deleted or
 * expired is a {@code PermissionDeniedException} or a {@code NotFoundException}: the Gemini API
 * answers 403 for it. Async methods never block the caller and complete with what the sync form
 * returns or throws; cancelling a future aborts the call.
 */
public interface FilesPort extends AutoCloseable {

    /** Uploads a file without progress reports. */
    default StoredFile upload(FileUpload upload) {
        return upload(upload, UploadProgress.NONE);
    }

    /**
     * Uploads the content and returns the stored file, as the server reported it at the end of the
     * upload (images are normally {@code ACTIVE} at once; other types may be {@code PROCESSING}:
     * see {@link #awaitActive}).
     *
     * <p>The upload is streamed: memory use does not grow with the file. A cut connection is resumed
     * from what the server holds, within the call's deadline and retry policy. Nothing half-uploaded
     * is ever returned: the stored file's size and SHA-256 match what was read, or the call throws
     * ({@code InvalidRequestException} for a file that changed size while it was read,
     * {@code RateLimitedException} for a 429, the project's storage quota included). The resumable
     * upload URL is a credential (it may carry the API key): it never appears in an exception, a log
     * line or a {@code toString}, and chunks are sent only to the host the upload was started on.
     *
     * @param upload what to upload, checked when it was built
     * @param progress told after each chunk the server confirmed
     * @return the stored file, whose size is the upload's
     * @throws ImageGenerationException for every failure; see the class documentation
     */
    StoredFile upload(FileUpload upload, UploadProgress progress);

    /** {@link #upload(FileUpload, UploadProgress)} without blocking the caller. */
    CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress);

    /**
     * Reads a file's current metadata.
     *
     * @param name the resource name, {@code files/...}
     * @throws ImageGenerationException {@code InvalidRequestException} for a malformed name; 403/404 types if it does not exist
     */
    StoredFile get(String name);

    /** {@link #get} without blocking the caller. */
    CompletableFuture<StoredFile> getAsync(String name);

    /**
     * Reads one page of the listing.
     *
     * @param pageSize 1 to {@link FilePage#MAX_PAGE_SIZE} files
     * @param pageToken the previous page's {@link FilePage#nextPageToken()}, or empty for the first page
     * @throws ImageGenerationException {@code InvalidRequestException} for a page size out of range
     */
    FilePage listPage(int pageSize, Optional<String> pageToken);

    /** {@link #listPage} without blocking the caller. */
    CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken);

    /** Every file, 100 per page; see {@link #list(int)}. */
    default Stream<StoredFile> list() {
        return list(FilePage.MAX_PAGE_SIZE);
    }

    /**
     * Every file, fetched lazily: a page is read when the stream needs its first file, so
     * {@code list().findFirst()} reads one page. A failure while fetching a page is thrown from the
     * stream's terminal operation. The stream is sequential; files added or deleted meanwhile may or
     * may not appear.
     *
     * @param pageSize files per page, 1 to {@link FilePage#MAX_PAGE_SIZE}
     */
    default Stream<StoredFile> list(int pageSize) {
        if (pageSize < 1 || pageSize > FilePage.MAX_PAGE_SIZE) {
            // Checked here too, so a bad size fails at once rather than at the first terminal operation.
            listPage(pageSize, Optional.empty());
        }
        return FilePage.streamAll(token -> listPage(pageSize, token));
    }

    /**
     * Deletes a file. Deleting is not idempotent on the server: a second delete of the same name
     * fails like a {@link #get} of a name that does not exist.
     *
     * @param name the resource name, {@code files/...}
     */
    void delete(String name);

    /** {@link #delete} without blocking the caller. */
    CompletableFuture<Void> deleteAsync(String name);

    /**
     * Polls the file until it is {@code ACTIVE} and returns it.
     *
     * @param name the resource name, {@code files/...}
     * @param timeout how long to wait in all
     * @throws ImageGenerationException {@code InvalidRequestException} if the file ended {@code FAILED}
     *     (with the server's reason), {@code GenerationTimeoutException} if it is still processing at
     *     the deadline, or a failure of the polls
     */
    StoredFile awaitActive(String name, Duration timeout);

    /** {@link #awaitActive} without blocking the caller. */
    CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout);

    /**
     * Downloads a file's content to {@code target}, streamed and written atomically (a partial
     * download never leaves a file behind; an existing file is replaced only on success). The Gemini
     * API serves only generated files (e.g. batch results).
     *
     * @return the number of bytes written
     */
    long download(String name, Path target);

    /**
     * Downloads a file's content into {@code out}, streamed; the stream is not closed. After a
     * failure {@code out} may hold part of the content.
     *
     * @return the number of bytes written
     */
    long download(String name, OutputStream out);

    /** {@link #download(String, Path)} without blocking the caller. */
    CompletableFuture<Long> downloadAsync(String name, Path target);

    /**
     * Releases only what this implementation created; calls after close fail at once with an
     * {@code ImageGenerationException}, and closing twice is harmless. A port that is a view of a
     * {@link GeminiClient} owns nothing: its {@code close()} does nothing, the client's closes it.
     */
    @Override
    void close();
}
