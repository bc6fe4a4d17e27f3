package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.WrittenImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code --out} puts the images, and writing them atomically. {@code --out} names a file, or
 * a folder (an existing one, or a path ending in {@code /}) that receives
 * {@code gemini-image-1.png}, {@code gemini-image-2.jpg}, ... at the first numbers no file of any
 * extension has taken. With
 * {@code --count} above 1 a file name gets {@code -1}, {@code -2}, ... before its extension. An
 * image extension that contradicts the image's real format is corrected ({@code out.png} becomes
 * {@code out.jpg} for a JPEG), so a file never lies about its content. Existing files are replaced
 * only with {@code --force}. Before the paid call the destination folder is checked to take new
 * files; if writing still fails afterwards, the image is kept in the temporary folder and the
 * message says where.
 */
public final class OutputFiles {

    // Any image format's extension: a name that promises another format than the bytes is corrected.
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "jpe", "jfif", "webp", "heic", "heif",
            "gif", "bmp", "tif", "tiff", "avif", "jxl", "ico", "svg");
    private static final String FOLDER_FILE_PREFIX = "gemini-image-";

    private final Path out;
    private final boolean folder;
    private final int count;
    private final boolean force;

    private OutputFiles(Path out, boolean folder, int count, boolean force) {
        this.out = out;
        this.folder = folder;
        this.count = count;
        this.force = force;
    }

    /**
     * The output plan for {@code --out}.
     *
     * @param out the path as given
     * @param asGiven the text given, to see a trailing separator
     * @param count how many images will be written
     * @param force whether existing files may be replaced
     */
    public static OutputFiles of(Path out, String asGiven, int count, boolean force) {
        boolean folder = Files.isDirectory(out) || asGiven.endsWith("/") || asGiven.endsWith(File.separator);
        return new OutputFiles(out.toAbsolutePath().normalize(), folder, count, force);
    }

    /**
     * Checks before any call is made (a paid call must not be wasted on an output that cannot be
     * written): the folder exists, and no target file exists unless {@code --force}.
     *
     * @param expected the format the model answers in
     * @throws FileProblem naming the file and what to do
     */
    public void check(MediaType expected) {
        if (folder) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new FileProblem(out + " is a file, not a folder; remove the trailing / from --out", null);
            }
            // A folder still to be made is made inside its nearest existing ancestor.
            Path existing = out;
            while (existing != null && !Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                probe(existing, "--out " + out);
            }
            return;
        }
        Path parent = out.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FileProblem("the folder " + parent + " does not exist; create it or choose another --out", null);
        }
        if (parent != null) {
            probe(parent, "--out " + out);
        }
        if (!force) {
            for (int i = 0; i < count; i++) {
                Path target = target(i, expected);
                if (Files.exists(target)) {
                    throw new FileProblem(target + " already exists; pass --force to replace it, or choose another --out", null);
                }
            }
        }
    }

    /**
     * Writes image {@code index} (0-based) atomically: readers never see a partial file.
     *
     * @return where it was written
     * @throws FileProblem naming the file and what to do
     */
    public Path write(GeneratedImage image, int index) {
        MediaType type = image.mediaType().orElse(MediaType.PNG);
        Optional<Path> staged = image.written().flatMap(WrittenImage::path);
        try {
            if (folder) {
                Files.createDirectories(out);
                for (int n = 1; ; n++) {
                    Path target = out.resolve(FOLDER_FILE_PREFIX + n + "." + type.fileExtension());
                    if (numberTaken(n)) {
                        continue;
                    }
                    try {
                        put(image, staged, target, false);
                        return target;
                    } catch (FileAlreadyExistsException raced) {
                        // Another writer took this number in the meantime: try the next one.
                    }
                }
            }
            Path target = target(index, type);
            put(image, staged, target, force);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new FileProblem(e.getFile() + " already exists (it appeared during the call); " + rescue(image, type)
                    + "; pass --force to replace it, or choose another --out", e);
        } catch (IOException e) {
            throw new FileProblem("could not write " + (folder ? out : target(index, type)) + " (" + reason(e) + "); "
                    + rescue(image, type), e);
        }
    }

    /**
     * Puts the image at {@code target}: a file the sink already wrote is moved there atomically
     * when the staging folder is on the same file system, otherwise copied from its file through a
     * temporary file beside the target (a stream copy: the image never sits in the heap); an image
     * in memory is written through a temporary file. Without {@code replace}, an existing target
     * fails with {@link FileAlreadyExistsException}.
     */
    private static void put(GeneratedImage image, Optional<Path> staged, Path target, boolean replace) throws IOException {
        if (staged.isEmpty() || !sameFileStore(staged.get(), target)) {
            if (replace) {
                image.writeTo(target);
            } else {
                image.writeToNewFile(target);
            }
            return;
        }
        Path source = staged.get();
        if (replace) {
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        // A hard link is made atomically and fails if the target exists: no race with another writer.
        try {
            Files.createLink(target, source);
            Files.delete(source);
        } catch (UnsupportedOperationException e) {
            Files.move(source, target);
        }
    }

    private static boolean sameFileStore(Path source, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            return Files.getFileStore(source).equals(Files.getFileStore(parent));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A new folder in the system's temporary folder, where the sink writes the images while they
     * arrive: outside the output folder, so that an image already paid for survives whatever
     * happens to that folder during the call (and can be kept, see {@link #write}). Remove it with
     * {@link #removeStaging(Path)}.
     *
     * @throws FileProblem if it cannot be made
     */
    public Path staging() {
        try {
            return Files.createTempDirectory("gemini-image-");
        } catch (IOException e) {
            throw new FileProblem("cannot make a folder in the temporary folder " + System.getProperty("java.io.tmpdir")
                    + " (" + reason(e) + ")", e);
        }
    }

    /** Removes the staging folder and what is left in it (images not kept); quietly. */
    public static void removeStaging(Path staging) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // Nothing more to do: a hidden folder of leftovers at worst.
        }
    }

    /** Whether {@code gemini-image-N.} is taken by a file of any extension (numbers count across formats). */
    private boolean numberTaken(int n) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(out, FOLDER_FILE_PREFIX + n + ".*")) {
            return files.iterator().hasNext();
        }
    }

    /** The image was paid for: keep it in the temporary folder, and say where (or why not). */
    private static String rescue(GeneratedImage image, MediaType type) {
        try {
            Path kept = Files.createTempFile("gemini-image-", "." + type.fileExtension());
            image.writeTo(kept);
            return "the image was kept in " + kept;
        } catch (IOException | RuntimeException e) {
            return "the image could not be kept elsewhere either (" + (e instanceof IOException io ? reason(io) : e) + ")";
        }
    }

    /**
     * Checks that {@code dir} takes new files by making and deleting one: permission bits do not
     * tell (root, ACLs, read-only mounts), and a paid call must not be wasted on an output that
     * cannot be written.
     *
     * @param what the option and path the message names
     * @throws FileProblem naming the folder and the reason
     */
    static void probe(Path dir, String what) {
        try {
            Path probe = Files.createTempFile(dir, ".gemini-image-", ".probe");
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw new FileProblem("cannot write to the folder " + dir + " of " + what + " (" + reason(e)
                    + "); choose another folder or fix its permissions", e);
        }
    }

    /** Why a file operation failed, in words (permission denied, no space left), not a temporary file's name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The file for image {@code index} in file mode. */
    Path target(int index, MediaType type) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Optional<String> extension = dot > 0 ? Optional.of(name.substring(dot + 1)) : Optional.empty();
        String ext = extension.map(e -> contradicts(e, type) ? type.fileExtension() : e).orElse(null);
        String numbered = count > 1 ? base + "-" + (index + 1) : base;
        return out.resolveSibling(ext == null ? numbered : numbered + "." + ext);
    }

    private static boolean contradicts(String extension, MediaType type) {
        String e = extension.toLowerCase(Locale.ROOT);
        if (!IMAGE_EXTENSIONS.contains(e)) {
            return false;
        }
        return type == MediaType.JPEG ? !(e.equals("jpg") || e.equals("jpeg")) : !e.equals(type.fileExtension());
    }
}
