package io.github.geminiimage.adapter.fake.internal;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.port.UploadProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;

/**
 * Reads an upload's content as the resumable protocol sends it: 8 MiB chunks, progress after each,
 * the length checked against the declared size (a file that changed size fails the upload).
 */
public final class UploadReader {

    /** The chunk size of the official SDKs. */
    public static final int CHUNK_BYTES = 8 * 1024 * 1024;

    /** The content read and its digest. */
    public record Read(StoredContent content, Sha256 sha256) {
    }

    private UploadReader() {
    }

    /**
     * Reads everything.
     *
     * @throws InvalidRequestException naming {@code file} if the content cannot be read or has another length
     */
    public static Read read(FileUpload upload, UploadProgress progress) {
        StoredContent.Builder content = new StoredContent.Builder();
        MessageDigest digest = Sha256.newDigest();
        long total = upload.sizeBytes();
        report(progress, 0, total);
        try (InputStream in = upload.openStream()) {
            byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, total)];
            while (content.size() < total) {
                int want = (int) Math.min(chunk.length, total - content.size());
                int n = in.readNBytes(chunk, 0, want);
                digest.update(chunk, 0, n);
                content.append(chunk, n);
                if (n < want) {
                    throw changedSize(upload, "found " + content.size());
                }
                report(progress, content.size(), total);
            }
            if (in.read() >= 0 || upload.file().isPresent() && Files.size(upload.file().get()) != total) {
                throw changedSize(upload, "found more");
            }
        } catch (IOException e) {
            throw new InvalidRequestException("file", upload.describe() + " cannot be read: " + e.getMessage()
                    + "; nothing was stored", e);
        }
        return new Read(content.build(), Sha256.ofBytes(digest.digest()));
    }

    private static InvalidRequestException changedSize(FileUpload upload, String found) {
        return new InvalidRequestException("file", upload.describe() + " changed size during the upload: declared "
                + upload.sizeBytes() + " bytes, " + found + "; nothing was stored", (Throwable) null);
    }

    private static void report(UploadProgress progress, long sent, long total) {
        try {
            progress.onProgress(sent, total);
        } catch (RuntimeException ignored) {
            // The port's contract: a callback's exception does not break the upload.
        }
    }
}
