package io.github.geminiimage.domain.file;

import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file held by the Files API (the {@code File} resource, docs/wire-format.md, "Files"): uploaded once,
 * kept 48 hours, referenced from requests by its {@link #uri()} (see
 * {@link ImageInput#ofStoredFile(StoredFile)}). A snapshot: its state is what the server said when
 * it was read. Immutable; make one with {@link #builder}.
 *
 * @param name the resource name, {@code files/} and the id; what get, delete and batches take
 * @param uri the URI to put in {@code fileData.fileUri}
 * @param mimeType the MIME type as stored (open: any type, not only images)
 * @param sizeBytes the size in bytes
 * @param state the processing state
 * @param displayName the display name given at upload, if any
 * @param createTime when the file was created, if the server said
 * @param updateTime when the file last changed (e.g. processing ended), if the server said
 * @param expirationTime when the server deletes the file (about 48 h after creation), if it said
 * @param sha256 the digest of the content, if the server reported one (decoded from its hex-in-base64 form)
 * @param source where the file came from, if the server said
 * @param downloadUri where the content can be downloaded, only on downloadable (generated) files
 * @param error why processing failed, only when {@code state} is {@code FAILED}
 */
public record StoredFile(String name, URI uri, String mimeType, long sizeBytes, FileState state,
        Optional<String> displayName, Optional<Instant> createTime, Optional<Instant> updateTime,
        Optional<Instant> expirationTime, Optional<Sha256> sha256, Optional<FileSource> source,
        Optional<URI> downloadUri, Optional<FileError> error) {

    /** Server-made ids are lowercase alphanumerics; generated ones (batch results) add dashes. */
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    /** Checks that every component is present and the size is not negative. */
    public StoredFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
        Objects.requireNonNull(expirationTime, "expirationTime");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(downloadUri, "downloadUri");
        Objects.requireNonNull(error, "error");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative; got " + sizeBytes);
        }
    }

    /** A builder for a file with the given name, URI, MIME type and size; the state defaults to {@code ACTIVE}. */
    public static Builder builder(String name, URI uri, String mimeType, long sizeBytes) {
        return new Builder(name, uri, mimeType, sizeBytes);
    }

    /** A builder holding this file's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name, uri, mimeType, sizeBytes).state(state);
        b.displayName = displayName;
        b.createTime = createTime;
        b.updateTime = updateTime;
        b.expirationTime = expirationTime;
        b.sha256 = sha256;
        b.source = source;
        b.downloadUri = downloadUri;
        b.error = error;
        return b;
    }

    /**
     * Checks a resource name given to a Files API call: {@code files/} and an id of letters, digits,
     * {@code -} or {@code _}, so it can go in a URL path as is.
     *
     * @return the name
     * @throws InvalidRequestException naming the field {@code name}, the value and the rule
     */
    public static String checkName(String name) {
        return checkName(name, "name");
    }

    /**
     * Checks a Files API resource name given in {@code field}, as {@link #checkName(String)} does.
     *
     * @return the name
     * @throws InvalidRequestException naming {@code field}, the value and the rule
     */
    public static String checkName(String name, String field) {
        Objects.requireNonNull(name, field);
        if (!name.startsWith("files/") || !FILE_ID.matcher(name.substring(6)).matches()) {
            throw new InvalidRequestException(field, name, "a Files API name: files/ and an id of letters, "
                    + "digits, - or _ (at most 128)");
        }
        return name;
    }

    /** The id: the name without its {@code files/} prefix. */
    public String id() {
        return name.startsWith("files/") ? name.substring(6) : name;
    }

    /** Whether the file can be used in requests now ({@code ACTIVE}). */
    public boolean isActive() {
        return state.equals(FileState.ACTIVE);
    }

    /** Whether the file's expiration time is known and not after {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expirationTime.isPresent() && !expirationTime.get().isAfter(now);
    }

    /** Builds a {@link StoredFile}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final URI uri;
        private final String mimeType;
        private final long sizeBytes;
        private FileState state = FileState.ACTIVE;
        private Optional<String> displayName = Optional.empty();
        private Optional<Instant> createTime = Optional.empty();
        private Optional<Instant> updateTime = Optional.empty();
        private Optional<Instant> expirationTime = Optional.empty();
        private Optional<Sha256> sha256 = Optional.empty();
        private Optional<FileSource> source = Optional.empty();
        private Optional<URI> downloadUri = Optional.empty();
        private Optional<FileError> error = Optional.empty();

        private Builder(String name, URI uri, String mimeType, long sizeBytes) {
            this.name = name;
            this.uri = uri;
            this.mimeType = mimeType;
            this.sizeBytes = sizeBytes;
        }

        /** The processing state. */
        public Builder state(FileState value) {
            this.state = Objects.requireNonNull(value, "state");
            return this;
        }

        /** The display name. */
        public Builder displayName(String value) {
            this.displayName = Optional.of(value);
            return this;
        }

        /** The creation time. */
        public Builder createTime(Instant value) {
            this.createTime = Optional.of(value);
            return this;
        }

        /** The time of the last change. */
        public Builder updateTime(Instant value) {
            this.updateTime = Optional.of(value);
            return this;
        }

        /** The expiration time. */
        public Builder expirationTime(Instant value) {
            this.expirationTime = Optional.of(value);
            return this;
        }

        /** The content's digest. */
        public Builder sha256(Sha256 value) {
            this.sha256 = Optional.of(value);
            return this;
        }

        /** Where the file came from. */
        public Builder source(FileSource value) {
            this.source = Optional.of(value);
            return this;
        }

        /** Where the content can be downloaded. */
        public Builder downloadUri(URI value) {
            this.downloadUri = Optional.of(value);
            return this;
        }

        /** Why processing failed. */
        public Builder error(FileError value) {
            this.error = Optional.of(value);
            return this;
        }

        /** Builds the file. */
        public StoredFile build() {
            return new StoredFile(name, uri, mimeType, sizeBytes, state, displayName, createTime, updateTime,
                    expirationTime, sha256, source, downloadUri, error);
        }
    }
}
