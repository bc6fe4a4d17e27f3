package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An input image: bytes in memory, a file, or base64 text, or a <b>reference</b> the server fetches
 * ({@link #ofUri}, {@link #ofStoredFile(StoredFile)}). Its media type is sniffed from its magic
 * bytes and checked against any type the caller declared; empty, unreadable or unrecognised content
 * is refused when the input is made. A file is read when the request is sent, chunk by chunk (see
 * {@link #ofFile(Path)}). Immutable and thread-safe.
 */
public final class ImageInput {

    private final byte[] bytes;
    private final Path file;
    private final long sizeBytes;
    private final MediaType mediaType;
    private final URI reference;

    private ImageInput(byte[] bytes, Path file, long sizeBytes, MediaType mediaType) {
        this.bytes = bytes;
        this.file = file;
        this.sizeBytes = sizeBytes;
        this.mediaType = mediaType;
        this.reference = null;
    }

    private ImageInput(URI reference, MediaType mediaType) {
        this.bytes = null;
        this.file = null;
        this.sizeBytes = 0;
        this.mediaType = mediaType;
        this.reference = reference;
    }

    /**
     * An image from bytes in memory, copied, so later changes to the array do not matter; to hand
     * over a large array without the copy, see {@link #ofOwnedBytes(byte[])}.
     */
    public static ImageInput ofBytes(byte[] bytes) {
        return ofBytes(bytes, Optional.empty());
    }

    /** An image from bytes in memory that must be of the declared type. */
    public static ImageInput ofBytes(byte[] bytes, MediaType declared) {
        return ofBytes(bytes, Optional.of(declared));
    }

    private static ImageInput ofBytes(byte[] bytes, Optional<MediaType> declared) {
        Objects.requireNonNull(bytes, "bytes");
        return owning(bytes.clone(), declared);
    }

    /**
     * An image that takes ownership of {@code bytes} without copying them, checked like
     * {@link #ofBytes(byte[])}. A request may carry several 7 MB images; copying each one costs as
     * much memory as the image before a byte is sent, and this avoids it.
     *
     * <p>Ownership passes to the input: the caller must not change the array afterwards (for as
     * long as any request holding the input may be sent, retries included), or the request sends
     * whatever the array then holds. Use {@link #ofBytes(byte[])} when the array is reused.
     *
     * @throws InvalidRequestException if the bytes are empty or not a PNG, JPEG, WebP, HEIC or HEIF image
     */
    public static ImageInput ofOwnedBytes(byte[] bytes) {
        return owning(Objects.requireNonNull(bytes, "bytes"), Optional.empty());
    }

    /**
     * Like {@link #ofOwnedBytes(byte[])}, for bytes that must be of the declared type.
     *
     * @throws InvalidRequestException if the content is not an image of the declared type
     */
    public static ImageInput ofOwnedBytes(byte[] bytes, MediaType declared) {
        return owning(Objects.requireNonNull(bytes, "bytes"), Optional.of(Objects.requireNonNull(declared, "declared")));
    }

    private static ImageInput owning(byte[] bytes, Optional<MediaType> declared) {
        return new ImageInput(bytes, null, bytes.length, check("image bytes", bytes, bytes.length, declared));
    }

    /**
     * An image read from a file when the request is sent. Reads the size and the first bytes now;
     * the content is read when the request is sent, chunk by chunk, so a 7 MB file is never held
     * whole in memory. If the file changes size in between, sending fails instead of sending a
     * corrupt body.
     *
     * @throws InvalidRequestException if the file is missing, unreadable, empty or not an image
     */
    public static ImageInput ofFile(Path file) {
        return ofFile(file, Optional.empty());
    }

    /** An image read from a file when sent, that must be of the declared type. */
    public static ImageInput ofFile(Path file, MediaType declared) {
        return ofFile(file, Optional.of(declared));
    }

    private static ImageInput ofFile(Path file, Optional<MediaType> declared) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate(MediaType.SNIFF_LENGTH);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // read until the head is full or the file ends
            }
            return new ImageInput(null, absolute, size, check("image file " + file, head.array(), head.position(), declared));
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException("images", "image file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidRequestException("images", "image file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * An image from base64 text, with or without a {@code data:image/...;base64,} prefix. Decoding
     * is strict: standard alphabet, padded, no whitespace.
     */
    public static ImageInput ofBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        String text = base64;
        Optional<MediaType> declared = Optional.empty();
        if (text.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = text.indexOf(',');
            String header = comma < 0 ? text : text.substring(5, comma);
            if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new InvalidRequestException("images", "a data: URI that is not base64 ("
                        + InvalidRequestException.shorten(header) + ")", (Throwable) null);
            }
            String mime = header.substring(0, header.length() - ";base64".length());
            declared = MediaType.fromMimeType(mime);
            if (declared.isEmpty()) {
                throw new InvalidRequestException("images", mime, "a data: URI of one of image/png, image/jpeg, "
                        + "image/webp, image/heic, image/heif");
            }
            text = text.substring(comma + 1);
        }
        if (text.length() % 4 != 0) {
            throw new InvalidRequestException("images", "base64 image text of " + text.length()
                    + " characters is not padded to a multiple of 4", (Throwable) null);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("images", "base64 image text is invalid: " + e.getMessage(), e);
        }
        return new ImageInput(decoded, null, decoded.length, check("base64 image", decoded, decoded.length, declared));
    }

    /**
     * Wraps bytes without copying them, for images this library made itself (e.g. a model image
     * replayed in a conversation). The caller must never change the array afterwards.
     */
    static ImageInput wrapOwned(byte[] bytes, MediaType mediaType) {
        return new ImageInput(bytes, null, bytes.length, mediaType);
    }

    /**
     * A reference to an image the server fetches: a Files API URI
     * ({@code https://generativelanguage.googleapis.com/v1beta/files/...}), a public or pre-signed
     * {@code https://} URL, or a {@code gs://bucket/object} (Vertex AI; on the Gemini API only once
     * registered). Sent as {@code {"fileData":{"mimeType":...,"fileUri":...}}}.
     *
     * @param uri an absolute {@code https} or {@code gs} URI, without user info
     * @param mediaType the image's type; required, since the server does not sniff it
     * @throws InvalidRequestException naming the URI (its query hidden) and what is accepted
     */
    public static ImageInput ofUri(URI uri, MediaType mediaType) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mediaType, "mediaType");
        return new ImageInput(ImageReferences.check(uri), mediaType);
    }

    /**
     * A reference to a file held by the Files API, by its resource name ({@code files/abc123}).
     * Sent with the Files API URI of that name.
     *
     * @param name the resource name, {@code files/} and the id
     * @param mediaType the type the file was uploaded with
     * @throws InvalidRequestException if the name is not a Files API resource name
     */
    public static ImageInput ofStoredFile(String name, MediaType mediaType) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        return new ImageInput(ImageReferences.filesUri(name, "images"), mediaType);
    }

    /**
     * A reference to a file the Files API returned: its URI and MIME type. A file that ended
     * {@link FileState#FAILED} or is not an image is refused; a {@code PROCESSING} one is accepted
     * (the server refuses it until it is {@code ACTIVE}; see the files port's {@code awaitActive}).
     *
     * @throws InvalidRequestException if the file is not an image, FAILED, or has an unusable URI
     */
    public static ImageInput ofStoredFile(StoredFile file) {
        Objects.requireNonNull(file, "file");
        MediaType type = MediaType.fromMimeType(file.mimeType()).orElseThrow(() -> new InvalidRequestException("images",
                file.name() + " has the MIME type " + InvalidRequestException.shorten(file.mimeType())
                        + "; expected an image: one of image/png, image/jpeg, image/webp, image/heic, image/heif",
                (Throwable) null));
        if (file.state().equals(FileState.FAILED)) {
            throw new InvalidRequestException("images", file.name() + " ended FAILED"
                    + file.error().map(e -> " (" + e.message() + ")").orElse("") + " and cannot be used; upload it again",
                    (Throwable) null);
        }
        return new ImageInput(ImageReferences.check(file.uri()), type);
    }

    /**
     * Whether this input is a reference the server fetches ({@code fileData}) rather than bytes sent
     * inline. A reference holds no bytes; its media type is declared, never sniffed. It counts
     * towards the model's image-count limit and must be a type the model reads, but the byte limits
     * do not apply.
     */
    public boolean isReference() {
        return reference != null;
    }

    /** The URI sent as {@code fileData.fileUri}, for a reference; empty for bytes and files. */
    public Optional<URI> uri() {
        return Optional.ofNullable(reference);
    }

    private static MediaType check(String what, byte[] head, int length, Optional<MediaType> declared) {
        if (length == 0) {
            throw new InvalidRequestException("images", what + " is empty", (Throwable) null);
        }
        MediaType sniffed = MediaType.sniff(head, length).orElseThrow(() -> new InvalidRequestException("images",
                what + " is not a PNG, JPEG, WebP, HEIC or HEIF image (unrecognised magic bytes)", (Throwable) null));
        if (declared.isPresent() && declared.get() != sniffed) {
            throw new InvalidRequestException("images", what + " was declared " + declared.get().mimeType()
                    + " but its content is " + sniffed.mimeType(), (Throwable) null);
        }
        return sniffed;
    }

    /** The format, sniffed from the content (declared, for a reference). */
    public MediaType mediaType() {
        return mediaType;
    }

    /** The size of the image in bytes (for a file: when the input was made; 0 for a reference). */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The length of the image's base64 form: {@code 4 * ceil(size / 3)}. */
    public long base64Length() {
        return 4 * ((sizeBytes + 2) / 3);
    }

    /** The file this image is read from, if it was given as a file. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Opens the content for reading. For bytes in memory the stream reads the internal array
     * without copying it (the stream cannot change it). The caller closes the stream.
     *
     * @throws IOException if the file cannot be read, or for a reference (its bytes are on the server)
     */
    public InputStream openStream() throws IOException {
        if (reference != null) {
            throw referenceHasNoBytes();
        }
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /**
     * A copy of the content (reads the whole file for a file input).
     *
     * @throws IOException if the file cannot be read or changed size, or for a reference
     */
    public byte[] readAllBytes() throws IOException {
        if (reference != null) {
            throw referenceHasNoBytes();
        }
        if (bytes != null) {
            return bytes.clone();
        }
        byte[] content = Files.readAllBytes(file);
        if (content.length != sizeBytes) {
            throw new IOException("image file " + file + " changed size since it was checked: was "
                    + sizeBytes + " bytes, now " + content.length);
        }
        return content;
    }

    private IOException referenceHasNoBytes() {
        return new IOException("the image " + ImageReferences.describe(reference)
                + " is a reference: the server fetches its bytes");
    }

    @Override
    public String toString() {
        if (reference != null) {
            return "ImageInput[" + mediaType.mimeType() + ", reference " + ImageReferences.describe(reference) + "]";
        }
        return "ImageInput[" + mediaType.mimeType() + ", " + sizeBytes + " bytes"
                + (file != null ? ", file " + file : "") + "]";
    }
}
