package io.github.geminiimage.port.batch;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.domain.sink.SinkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Saves the images of a batch job's results to a folder, one file per key named
 * {@link #fileName(String, MediaType) by the key}, so that a fetch that was interrupted can simply
 * be run again: a key whose file exists is skipped, never written twice. Each file is written
 * atomically (a temporary file moved into place), so the folder never holds half an image. The
 * results are consumed one at a time; only one is held. Stateless.
 */
public final class BatchImageFolder {

    private static final List<MediaType> TYPES = List.of(MediaType.values());

    private BatchImageFolder() {
    }

    /**
     * Saves the final image of every result (for several candidates, the first's), reading
     * {@code results} to its end.
     *
     * @param results the results, in any order; each key at most once
     * @param folder the folder, created if missing
     * @param each told of every result once it was handled (e.g. for progress); must not throw
     * @return what was written, skipped and failed
     * @throws UncheckedIOException if the folder or a file cannot be written (the files written so
     *     far stay; a rerun skips them)
     */
    public static BatchSaveSummary save(Iterator<BatchResult> results, Path folder, Consumer<BatchResult> each) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(each, "each");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        long written = 0;
        long skipped = 0;
        List<BatchSaveSummary.Failure> failures = new ArrayList<>();
        while (results.hasNext()) {
            BatchResult entry = results.next();
            Optional<String> problem = problem(entry);
            if (problem.isPresent()) {
                failures.add(new BatchSaveSummary.Failure(entry.key(), problem.get()));
            } else if (existing(folder, entry.key()).isPresent()) {
                skipped++;
            } else {
                GeneratedImage image = entry.result().orElseThrow().finalImage().orElseThrow();
                Path target = folder.resolve(fileName(entry.key(), image.mediaType().orElse(MediaType.PNG)));
                try {
                    // A written image is copied from its file as a stream: never whole in the heap.
                    image.writeToNewFile(target);
                    written++;
                } catch (FileAlreadyExistsException e) {
                    skipped++;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + target.toAbsolutePath() + ": " + e.getMessage(), e);
                }
            }
            each.accept(entry);
        }
        return new BatchSaveSummary(written, skipped, failures);
    }

    /**
     * {@code result} with its images written through a folder sink in {@code folder}, named
     * {@code result-N}; a failed result as it is.
     */
    public static BatchResult written(BatchResult result, Path folder, int number) {
        if (result.result().isEmpty()) {
            return result;
        }
        SinkSession session = SinkSession.open(ImageSink.toFolder(folder, "result-" + number));
        return BatchResult.success(result.key(), session.writeAll(result.result().get()));
    }

    /**
     * A new hidden folder inside {@code folder} (created if missing) where images are written while
     * they are decoded, before they are saved under their keys: the same file system, and a save
     * that is interrupted leaves only this folder behind. Remove it with {@link #removeStaging}.
     *
     * @throws UncheckedIOException if it cannot be made
     */
    public static Path staging(Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.createTempDirectory(folder, ".gemini-batch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder in " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code results} that deletes the files of each result's written images once the next result
     * is asked for (after {@link #save} copied what it keeps): a staging folder then holds one
     * result's images at a time, not the whole job's.
     */
    public static Iterator<BatchResult> consuming(Iterator<BatchResult> results) {
        Objects.requireNonNull(results, "results");
        return new Iterator<>() {
            private BatchResult previous;

            @Override
            public boolean hasNext() {
                release();
                return results.hasNext();
            }

            @Override
            public BatchResult next() {
                release();
                previous = results.next();
                return previous;
            }

            private void release() {
                if (previous == null || previous.result().isEmpty()) {
                    previous = null;
                    return;
                }
                for (var candidate : previous.result().get().candidates()) {
                    for (var part : candidate.parts()) {
                        if (part instanceof io.github.geminiimage.domain.Part.Image image) {
                            image.image().written().flatMap(w -> w.path()).ifPresent(BatchImageFolder::deleteQuietly);
                        }
                    }
                }
                previous = null;
            }
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for removeStaging.
        }
    }

    /** Removes a staging folder and what is left in it; quietly. */
    public static void removeStaging(Path staging) {
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // A hidden folder of leftovers at worst.
        }
    }

    /** {@link #save(Iterator, Path, Consumer)} without the per-result callback. */
    public static BatchSaveSummary save(Iterator<BatchResult> results, Path folder) {
        return save(results, folder, r -> { });
    }

    /**
     * The file name for a key's image: letters, digits, {@code -}, {@code _} and (after the first
     * character) {@code .} kept, every other character percent-encoded as UTF-8, so any key gives a
     * safe name that cannot leave the folder and two keys never share a file; then the image's
     * extension ({@code sku-1.png}, {@code a%2Fb.jpg}).
     */
    public static String fileName(String key, MediaType type) {
        StringBuilder name = new StringBuilder();
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
                    || (b == '.' && i > 0);
            if (plain) {
                name.append((char) b);
            } else {
                name.append('%').append(String.format("%02X", b));
            }
        }
        return name.append('.').append(type.fileExtension()).toString();
    }

    /** The file already saved for {@code key} in {@code folder}, of any image type. */
    public static Optional<Path> existing(Path folder, String key) {
        for (MediaType type : TYPES) {
            Path file = folder.resolve(fileName(key, type));
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(BatchResult entry) {
        if (entry.error().isPresent()) {
            return Optional.of(oneLine(entry.error().get().getMessage()));
        }
        GenerationResult result = entry.result().orElseThrow();
        if (result.finalImage().isPresent()) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("no image: ").append(result.outcome());
        result.blockReason().ifPresent(r -> why.append(", block reason ").append(r));
        result.finishReason().ifPresent(r -> why.append(", finish reason ").append(r));
        return Optional.of(why.toString());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("[\\r\\n]+", " ");
    }
}
