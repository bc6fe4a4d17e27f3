package io.github.geminiimage.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The small file where {@code batch submit} remembers the job it created, so that {@code status},
 * {@code results}, {@code cancel} and {@code delete} can be run without a name: by default
 * {@value #DEFAULT_NAME} in the current folder ({@code --state-file} chooses another). It holds the
 * job's name, the input file's absolute path and the model, as JSON; it is replaced atomically.
 */
final class BatchStateFile {

    /** The default file name, in the current folder. */
    static final String DEFAULT_NAME = ".gemini-image-batch.json";

    private final Path file;

    BatchStateFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    void save(CliDocuments.BatchState saved) {
        String json = CliJson.write(saved);
        try {
            KeptFiles.writeAtomically(file, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new FileProblem("cannot save the job's name to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The saved job, or empty if there is no state file. */
    Optional<CliDocuments.BatchState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        CliDocuments.BatchState saved;
        try (InputStream in = Files.newInputStream(file)) {
            saved = CliJson.read(in, CliDocuments.BatchState.class);
        } catch (IOException e) {
            throw new FileProblem("cannot read the batch state file " + file + ": " + e.getMessage(), e);
        }
        if (saved == null || saved.name() == null) {
            throw new FileProblem("the batch state file " + file + " names no job", null);
        }
        return Optional.of(saved);
    }
}
