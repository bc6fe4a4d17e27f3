package io.github.geminiimage.adapter.fake.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file atomically: into a hidden temporary file beside it, then moved over it. */
public final class AtomicDownload {

    /** Writes content into a stream. */
    @FunctionalInterface
    public interface Writer {
        /** Writes everything; returns the byte count. */
        long writeTo(OutputStream out) throws IOException;
    }

    private AtomicDownload() {
    }

    /**
     * Writes {@code target} with what {@code writer} produces; on any failure the target is
     * untouched and the temporary file removed.
     *
     * @return what the writer returned
     */
    public static long write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        boolean moved = false;
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                written = writer.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            return written;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
