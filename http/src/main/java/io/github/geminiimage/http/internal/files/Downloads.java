package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.internal.engine.Driver;
import io.github.geminiimage.http.internal.files.FileExchanges.DownloadTarget;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Downloads a file's bytes, streamed: the SDK form first, Google's {@code /download/} media path
 * when that answers 404 (docs/wire-format.md, "Files"). To a path: into a temporary file beside it
 * (rewritten from its start on every attempt), moved over the target only on success, deleted on
 * failure. To a caller's stream: as it arrives; a break after the first byte is final.
 */
public final class Downloads {

    private Downloads() {
    }

    /** Downloads into {@code out} (not closed). */
    public static CompletableFuture<Long> toStream(Driver driver, Endpoint endpoint, String name, OutputStream out) {
        DownloadTarget target = new DownloadTarget() {
            private final OutputStream shielded = new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the caller's stream stays open
                }
            };

            @Override
            public OutputStream open() {
                return shielded;
            }

            @Override
            public boolean restartable() {
                return false;
            }
        };
        return withFallback(driver, endpoint, name, target);
    }

    /** Downloads into {@code target}, atomically. */
    public static CompletableFuture<Long> toPath(Driver driver, Endpoint endpoint, String name, Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new InvalidRequestException("target", "cannot write into " + dir + ": "
                    + e.getMessage(), e));
        }
        TempFile file = new TempFile(temp);
        return withFallback(driver, endpoint, name, file).handle((bytes, failure) -> {
            file.closeCurrent();
            if (failure == null) {
                try {
                    move(temp, absolute);
                    return CompletableFuture.completedFuture(bytes);
                } catch (IOException e) {
                    deleteQuietly(temp);
                    return CompletableFuture.<Long>failedFuture(new InvalidRequestException("target", "cannot replace "
                            + absolute + ": " + e.getMessage(), e));
                }
            }
            deleteQuietly(temp);
            return CompletableFuture.<Long>failedFuture(Driver.failure(failure));
        }).thenCompose(Function.identity());
    }

    private static CompletableFuture<Long> withFallback(Driver driver, Endpoint endpoint, String name, DownloadTarget target) {
        return driver.call(FileExchanges.download(endpoint, name, false, target)).handle((bytes, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(bytes);
            }
            if (Driver.failure(failure) instanceof NotFoundException) { // a 404 wrote nothing
                return driver.call(FileExchanges.download(endpoint, name, true, target));
            }
            return CompletableFuture.<Long>failedFuture(Driver.failure(failure));
        }).thenCompose(Function.identity());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover temporary file is harmless; the failure that led here is what matters.
        }
    }

    /** A temporary file opened anew, from its start, for every attempt. */
    private static final class TempFile implements DownloadTarget {
        private final Path path;
        private OutputStream current;

        TempFile(Path path) {
            this.path = path;
        }

        @Override
        public synchronized OutputStream open() throws IOException {
            closeCurrent();
            current = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return current;
        }

        @Override
        public boolean restartable() {
            return true;
        }

        synchronized void closeCurrent() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    // Reported by the move or the next open, if it matters.
                }
                current = null;
            }
        }
    }
}
