package io.github.geminiimage.cli.internal;

import io.github.geminiimage.wire.batch.JsonLineScanner;
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

    /** What the file remembers. */
    record Saved(String name, String input, String model) {
    }

    private final Path file;

    BatchStateFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    void save(Saved saved) {
        String json = new JsonWriter().beginObject().name("name").value(saved.name()).name("input").value(saved.input())
                .name("model").value(saved.model()).endObject().toJson() + "\n";
        try {
            KeptFiles.writeAtomically(file, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new FileProblem("cannot save the job's name to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The saved job, or empty if there is no state file. */
    Optional<Saved> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String name = null;
        String input = "";
        String model = "";
        try (InputStream in = Files.newInputStream(file)) {
            JsonLineScanner scanner = new JsonLineScanner(in, 64 * 1024);
            scanner.beginObject();
            for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
                if (scanner.peekKind() != '"') {
                    scanner.skipValue();
                    continue;
                }
                String value = scanner.readString();
                switch (member) {
                    case "name": name = value; break;
                    case "input": input = value; break;
                    case "model": model = value; break;
                    default: break;
                }
            }
        } catch (IOException e) {
            throw new FileProblem("cannot read the batch state file " + file + ": " + e.getMessage(), e);
        }
        if (name == null) {
            throw new FileProblem("the batch state file " + file + " names no job", null);
        }
        return Optional.of(new Saved(name, input, model));
    }
}
