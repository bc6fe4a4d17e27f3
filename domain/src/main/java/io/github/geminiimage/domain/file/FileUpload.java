package io.github.geminiimage.domain.file;

import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * What to upload to the Files API: a file or a stream of known length, its MIME type, and an
 * optional display name and resource name. Everything is checked when built, before any network
 * I/O: a missing, unreadable or empty file, more than {@link #MAX_SIZE_BYTES}, a malformed MIME type,
 * a display name over 512 characters. Each failure is an {@link InvalidRequestException} naming the
 * field, the value and the limit.
 *
 * <p>A file upload is read when sent, chunk by chunk, and may be read again from any offset (so a
 * cut upload resumes); if the file's size changes meanwhile, the upload fails rather than store a
 * corrupt file. A stream upload is read once, front to back, and must hold exactly the declared
 * length. Immutable and thread-safe apart from the one-shot stream.
 */
public final class FileUpload {

    /** The largest file the Files API takes: 2 GB, checked as 2<sup>31</sup> bytes. */
    public static final long MAX_SIZE_BYTES = 2L * 1024 * 1024 * 1024;

    /** The longest display name the Files API takes. */
    public static final int MAX_DISPLAY_NAME_CHARS = 512;

    private static final Pattern MIME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");
    private static final Pattern RESOURCE_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
            Map.entry("jsonl", "application/jsonl"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"), Map.entry("pdf", "application/pdf"), Map.entry("mp4", "video/mp4"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
            Map.entry("bin", "application/octet-stream"));

    private final Path file;
    private final InputStream stream;
    private final AtomicBoolean streamTaken = new AtomicBoolean();
    private final long sizeBytes;
    private final String mimeType;
    private final String displayName;
    private final String name;

    private FileUpload(Builder b, long sizeBytes, String mimeType) {
        this.file = b.file;
        this.stream = b.stream;
        this.sizeBytes = sizeBytes;
        this.mimeType = mimeType;
        this.displayName = b.displayName;
        this.name = b.name;
    }

    /**
     * An upload of a file. Its size is read when built; without {@link Builder#mimeType} the type is
     * sniffed for images and otherwise taken from the extension.
     */
    public static Builder fromFile(Path file) {
        return new Builder(Objects.requireNonNull(file, "file").toAbsolutePath(), null, -1);
    }

    /**
     * An upload of a stream of exactly {@code sizeBytes} bytes, read once when sent; the caller
     * closes it afterwards. {@link Builder#mimeType} is required.
     */
    public static Builder fromStream(InputStream stream, long sizeBytes) {
        return new Builder(null, Objects.requireNonNull(stream, "stream"), sizeBytes);
    }

    /** The file to upload, for a file upload. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The number of bytes to upload (for a file: when the upload was built). */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The MIME type the stored file gets. */
    public String mimeType() {
        return mimeType;
    }

    /** The display name, if one was given. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** The resource name asked for ({@code files/my-id}); empty lets the server choose one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Opens the content from its start. For a file every call opens it again (so a resumed upload
     * can re-read it); for a stream the first call returns the stream and later calls fail.
     *
     * @throws IOException if the file cannot be opened, or the stream was taken already
     */
    public InputStream openStream() throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        if (!streamTaken.compareAndSet(false, true)) {
            throw new IOException("the stream of this upload was read already; a stream upload can be sent once");
        }
        return stream;
    }

    /** Names the content in messages: the file's path, or the stream's length (never content). */
    public String describe() {
        return file != null ? "file " + file : "stream of " + sizeBytes + " bytes";
    }

    @Override
    public String toString() {
        return "FileUpload[" + describe() + ", " + mimeType + displayName().map(d -> ", \"" + d + "\"").orElse("")
                + name().map(n -> ", " + n).orElse("") + "]";
    }

    /** Builds a {@link FileUpload}. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private final InputStream stream;
        private final long streamSize;
        private String mimeType;
        private String displayName;
        private String name;

        private Builder(Path file, InputStream stream, long streamSize) {
            this.file = file;
            this.stream = stream;
            this.streamSize = streamSize;
        }

        /** The MIME type, e.g. {@code image/png} or {@code application/jsonl}. */
        public Builder mimeType(String value) {
            this.mimeType = Objects.requireNonNull(value, "mimeType");
            return this;
        }

        /** The MIME type of an image format. */
        public Builder mimeType(MediaType value) {
            return mimeType(value.mimeType());
        }

        /** A display name, at most 512 characters. */
        public Builder displayName(String value) {
            this.displayName = Objects.requireNonNull(value, "displayName");
            return this;
        }

        /**
         * Asks for a resource name ({@code files/my-id} or {@code my-id}): at most 40 lowercase letters,
         * digits or dashes, not starting or ending with a dash.
         */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * Checks everything and builds the upload; a file's size (and, without a MIME type, its first
         * bytes) is read now.
         *
         * @throws InvalidRequestException naming the field, the value and the limit
         */
        public FileUpload build() {
            if (displayName != null && (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME_CHARS)) {
                throw new InvalidRequestException("displayName", displayName,
                        "non-blank text of at most " + MAX_DISPLAY_NAME_CHARS + " characters (got " + displayName.length() + ")");
            }
            if (name != null) {
                String id = name.startsWith("files/") ? name.substring(6) : name;
                if (!RESOURCE_ID.matcher(id).matches()) {
                    throw new InvalidRequestException("name", name, "files/ and at most 40 lowercase letters, digits "
                            + "or dashes, not starting or ending with a dash");
                }
                name = "files/" + id;
            }
            if (mimeType != null && !MIME.matcher(mimeType).matches()) {
                throw new InvalidRequestException("mimeType", mimeType, "a MIME type such as image/png or application/jsonl");
            }
            return file != null ? buildForFile() : buildForStream();
        }

        private FileUpload buildForStream() {
            checkSize("stream", streamSize);
            if (mimeType == null) {
                throw new InvalidRequestException("mimeType", "a stream upload needs a MIME type; none was given",
                        (Throwable) null);
            }
            return new FileUpload(this, streamSize, mimeType);
        }

        private FileUpload buildForFile() {
            if (Files.isDirectory(file)) {
                throw new InvalidRequestException("file", "file " + file + " is a directory", (Throwable) null);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                checkSize("file " + file, size);
                String type = mimeType;
                if (type == null) {
                    ByteBuffer head = ByteBuffer.allocate(MediaType.SNIFF_LENGTH);
                    while (head.hasRemaining() && channel.read(head) > 0) {
                        // read until the head is full or the file ends
                    }
                    type = MediaType.sniff(head.array(), head.position()).map(MediaType::mimeType)
                            .orElseGet(() -> BY_EXTENSION.get(extension(file)));
                    if (type == null) {
                        throw new InvalidRequestException("mimeType", "the MIME type of file " + file
                                + " is not known from its content or extension; give one", (Throwable) null);
                    }
                }
                return new FileUpload(this, size, type);
            } catch (NoSuchFileException e) {
                throw new InvalidRequestException("file", "file " + file + " does not exist", e);
            } catch (AccessDeniedException e) {
                throw new InvalidRequestException("file", "file " + file + " cannot be read: permission denied", e);
            } catch (IOException e) {
                throw new InvalidRequestException("file", "file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }

        private static void checkSize(String what, long size) {
            if (size <= 0) {
                throw new InvalidRequestException("sizeBytes", what + " has " + size
                        + " bytes; expected 1 to " + MAX_SIZE_BYTES + " bytes (2 GB)", (Throwable) null);
            }
            if (size > MAX_SIZE_BYTES) {
                throw new InvalidRequestException("sizeBytes", what + " has " + size + " bytes, more than the Files "
                        + "API's limit of " + MAX_SIZE_BYTES + " bytes (2 GB) per file", (Throwable) null);
            }
        }

        private static String extension(Path path) {
            String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
            int dot = fileName.lastIndexOf('.');
            return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
    }
}
