package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.UploadProgress;
import io.github.geminiimage.port.forwarding.ForwardingFilesPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The offline fake's Files API store for the command line, kept in a folder so that a file
 * uploaded by one run ({@code files upload}) is there for the next ({@code files list},
 * {@code edit --image files/...}). Each file is two entries: {@code ID.bin} (the content) and
 * {@code ID.properties} (name, MIME type, display name, creation time), the latter written last, so
 * a half-written file is never listed. Files older than the service's 48 hours are dropped when the
 * folder is read. The fake holds content in memory, so files above {@link #MAX_FILE_BYTES} are
 * refused. Not meant for concurrent runs that upload and delete the same files.
 */
final class FakeFileFolder {

    /** The largest file the command line's fake keeps (it holds every file in memory). */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final KeptEntries entries;

    /** A store in {@code folder}, created when first written. */
    FakeFileFolder(Path folder) {
        this.entries = new KeptEntries(folder, "files", ".bin");
    }

    /** {@code gemini-image-fake-files-USER} in the system's temporary folder. */
    static Path defaultFolder() {
        return KeptEntries.defaultFolder("files");
    }

    /** The folder. */
    Path folder() {
        return entries.folder();
    }

    /** Whether any file is kept (so a generation fake need not read the folder otherwise). */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * A fake store holding the kept files, with their names and creation times; expired ones are
     * dropped from the folder.
     *
     * @throws FileProblem if the folder cannot be read
     */
    FakeFiles load() {
        List<Kept> kept = new ArrayList<>();
        Instant now = Instant.now();
        for (KeptEntries.Read<Kept> entry : entries.readAll(FakeFileFolder::kept)) {
            entry.value().ifPresent(kept::add);
        }
        kept.sort(Comparator.comparing(Kept::createTime));
        FakeClock clock = FakeClock.at(kept.isEmpty() ? now : kept.get(0).createTime());
        FakeFiles files = FakeFiles.builder().clock(clock).seed(System.nanoTime()).build();
        for (Kept file : kept) {
            if (!file.createTime().plus(FakeFiles.RETENTION).isAfter(now)) {
                entries.remove(file.id());
                continue;
            }
            advanceTo(clock, file.createTime());
            try {
                FileUpload.Builder upload = FileUpload.fromFile(entries.data(file.id())).mimeType(file.mimeType()).name(file.id());
                file.displayName().ifPresent(upload::displayName);
                files.upload(upload.build());
            } catch (RuntimeException e) {
                // Damaged or not one of ours: forgotten, as the service forgets an expired file.
            }
        }
        advanceTo(clock, now);
        return files;
    }

    /** A files port over {@code store} (from {@link #load()}) that writes every upload and delete through to the folder; closing it leaves the store open. */
    FilesPort open(FakeFiles store) {
        return new WriteThrough(store);
    }

    private record Kept(String id, String mimeType, Optional<String> displayName, Instant createTime) {
    }

    private static Kept kept(String id, Properties properties) {
        return new Kept(id, properties.getProperty("mimeType"), Optional.ofNullable(properties.getProperty("displayName")),
                Instant.parse(properties.getProperty("createTime")));
    }

    private void save(StoredFile file, byte[] content) {
        try {
            KeptFiles.createPrivateFolder(entries.folder());
            KeptFiles.writeAtomically(entries.data(file.id()), out -> out.write(content));
            Properties properties = new Properties();
            properties.setProperty("name", file.name());
            properties.setProperty("mimeType", file.mimeType());
            file.displayName().ifPresent(d -> properties.setProperty("displayName", d));
            properties.setProperty("createTime", file.createTime().orElseThrow().toString());
            entries.writeProperties(file.id(), properties);
        } catch (IOException e) {
            entries.remove(file.id());
            throw entries.problem("cannot keep " + file.name() + " in", e);
        }
    }

    private static void advanceTo(FakeClock clock, Instant time) {
        Duration ahead = Duration.between(clock.instant(), time);
        if (!ahead.isNegative()) {
            clock.advance(ahead);
        }
    }

    /** The fake store, with uploads and deletes kept in the folder. */
    private final class WriteThrough implements ForwardingFilesPort {
        private final FakeFiles files;

        WriteThrough(FakeFiles files) {
            this.files = files;
        }

        @Override
        public FilesPort delegate() {
            return files;
        }

        @Override
        public StoredFile upload(FileUpload upload, UploadProgress progress) {
            if (upload.sizeBytes() > MAX_FILE_BYTES) {
                throw new UsageException("the offline fake keeps files in memory and takes at most "
                        + ByteSizes.human(MAX_FILE_BYTES) + "; " + upload.describe() + " has " + ByteSizes.human(upload.sizeBytes())
                        + " (the Files API itself takes up to 2 GB)");
            }
            StoredFile file = files.upload(upload, progress);
            save(file, files.content(file.name()).orElseThrow());
            return file;
        }

        @Override
        public CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
            return CompletableFuture.supplyAsync(() -> upload(upload, progress));
        }

        @Override
        public void delete(String name) {
            files.delete(name);
            entries.remove(name.substring("files/".length()));
        }

        @Override
        public CompletableFuture<Void> deleteAsync(String name) {
            return CompletableFuture.runAsync(() -> delete(name));
        }

        @Override
        public void close() {
            // A view of the run's client: the client closes the store.
        }
    }
}
