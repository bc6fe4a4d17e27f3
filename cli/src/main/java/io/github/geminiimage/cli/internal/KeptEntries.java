package io.github.geminiimage.cli.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiFunction;

/**
 * A folder in which the offline fake keeps one kind of resource between runs ({@code files} or
 * {@code batches}): each entry is {@code ID.properties}, written last so that a half-written entry
 * is never listed, beside its data file {@code ID} + the data suffix.
 */
final class KeptEntries {

    /** An entry as read: its id and what the caller made of it, empty if it was damaged. */
    record Read<T>(String id, Optional<T> value) {
    }

    private final Path folder;
    private final String kind;
    private final String dataSuffix;

    /** Entries of {@code kind} in {@code folder} (created when first written), each with a data file ending in {@code dataSuffix}. */
    KeptEntries(Path folder, String kind, String dataSuffix) {
        this.folder = folder.toAbsolutePath();
        this.kind = kind;
        this.dataSuffix = dataSuffix;
    }

    /** {@code gemini-image-fake-KIND-USER} in the system's temporary folder. */
    static Path defaultFolder(String kind) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "gemini-image-fake-" + kind + "-" + user);
    }

    /** The folder. */
    Path folder() {
        return folder;
    }

    /** The data file of entry {@code id}. */
    Path data(String id) {
        return folder.resolve(id + dataSuffix);
    }

    /** Whether no entry is kept (a folder that cannot be read counts as empty). */
    boolean isEmpty() {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.properties")) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Every entry, with what {@code parse} makes of its id and properties; an entry whose properties
     * cannot be read or parsed, or whose data file is missing, reads as empty (not one of ours, or
     * damaged: the fake forgets it, as the service forgets an expired resource).
     *
     * @throws FileProblem if the folder cannot be listed
     */
    <T> List<Read<T>> readAll(BiFunction<String, Properties, T> parse) {
        List<Read<T>> read = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return read;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.properties")) {
            for (Path entry : entries) {
                String id = entry.getFileName().toString().replaceFirst("\\.properties$", "");
                read.add(new Read<>(id, read(id, parse)));
            }
        } catch (IOException e) {
            throw problem("cannot read", e);
        }
        return read;
    }

    private <T> Optional<T> read(String id, BiFunction<String, Properties, T> parse) {
        try {
            Properties properties = properties(id);
            return Files.isRegularFile(data(id)) ? Optional.of(parse.apply(id, properties)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The properties of entry {@code id}. */
    Properties properties(String id) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(propertiesFile(id), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    /** Replaces the properties of entry {@code id}, whole or not at all. */
    void writeProperties(String id, Properties properties) throws IOException {
        KeptFiles.writeAtomically(propertiesFile(id), out -> {
            try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                properties.store(writer, "gemini-image: the offline fake's copy of " + kind + "/" + id);
            }
        });
    }

    /**
     * Deletes entry {@code id}, properties first.
     *
     * @throws FileProblem if it cannot be deleted
     */
    void remove(String id) {
        try {
            Files.deleteIfExists(propertiesFile(id));
            Files.deleteIfExists(data(id));
        } catch (IOException e) {
            throw problem("cannot delete " + kind + "/" + id + " from", e);
        }
    }

    /** The error for a failure to use the folder: {@code what} it could not do, and how to start afresh. */
    FileProblem problem(String what, IOException e) {
        return new FileProblem("the offline fake " + what + " its folder " + folder + ": " + e.getMessage()
                + " (delete the folder to start afresh)", e);
    }

    private Path propertiesFile(String id) {
        return folder.resolve(id + ".properties");
    }
}
