package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.MediaType;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder of {@code --previews}: interim thought images written atomically as
 * {@code preview-1.jpg}, {@code preview-2.jpg}, ... at the first numbers no file of any extension
 * has taken, so earlier runs' previews are never replaced. Not thread-safe: one per run.
 */
final class Previews {

    private static final String PREFIX = "preview-";

    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    private Previews(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder, made if needed and checked to take new files before the paid call.
     *
     * @throws FileProblem naming the folder and the reason
     */
    static Previews in(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new FileProblem("--previews " + absolute + " is a file, not a folder; choose a folder", null);
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new FileProblem("cannot make the folder " + absolute + " of --previews (" + OutputFiles.reason(e) + ")", e);
        }
        OutputFiles.probe(absolute, "--previews " + absolute);
        return new Previews(absolute);
    }

    /**
     * Writes one interim image at the next free number.
     *
     * @return where it went
     * @throws FileProblem if it could not be written
     */
    Path write(GeneratedImage image) {
        String extension = image.mediaType().orElse(MediaType.PNG).fileExtension();
        try {
            for (int n = written.size() + 1; ; n++) {
                if (taken(n)) {
                    continue;
                }
                Path target = dir.resolve(PREFIX + n + "." + extension);
                try {
                    image.writeToNewFile(target);
                    written.add(target);
                    return target;
                } catch (FileAlreadyExistsException raced) {
                    // another writer took this number meanwhile: the next one
                }
            }
        } catch (IOException e) {
            throw new FileProblem("could not write a preview in " + dir + " (" + OutputFiles.reason(e) + ")", e);
        }
    }

    /** The previews written so far, in order. */
    List<Path> written() {
        return List.copyOf(written);
    }

    private boolean taken(int n) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + n + ".*")) {
            return files.iterator().hasNext();
        }
    }
}
