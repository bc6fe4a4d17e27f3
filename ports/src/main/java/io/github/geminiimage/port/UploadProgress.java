package io.github.geminiimage.port;

/**
 * Told how far an upload has got. Called on the uploading thread, after each chunk the server
 * confirmed (and once at 0 before the first), so it must return quickly and not throw; an exception
 * it throws is ignored. After a cut connection the upload resumes from what the server holds, so
 * {@code bytesSent} may go back once.
 */
@FunctionalInterface
public interface UploadProgress {

    /** Ignores every report. */
    UploadProgress NONE = (bytesSent, totalBytes) -> { };

    /**
     * Reports progress.
     *
     * @param bytesSent bytes the server has confirmed so far
     * @param totalBytes the size of the whole upload
     */
    void onProgress(long bytesSent, long totalBytes);
}
