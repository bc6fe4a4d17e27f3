package io.github.geminiimage.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How the command line keeps its own files between runs (sessions, batch state, the fake's files
 * and jobs): folders only the user may read, and files replaced whole or not at all.
 */
final class KeptFiles {

    /** What goes into a file. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private KeptFiles() {
    }

    /**
     * Creates {@code dir} (and its parents) if missing, readable by this user only where the file
     * system has POSIX permissions: the system's temporary folder is shared.
     */
    static void createPrivateFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, then moves it over
     * {@code target} (atomically where the file system can); on failure {@code target} is unchanged
     * and the temporary file is gone.
     */
    static void writeAtomically(Path target, Content content) throws IOException {
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
