package io.github.geminiimage.wire;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.file.FileError;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileSource;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.wire.internal.json.FileJson;
import io.github.geminiimage.wire.internal.json.JsonDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Files API's JSON both ways: a {@code File} resource, a list page, and the body that starts
 * a resumable upload (docs/wire-format.md, "Files"). Stateless and thread-safe.
 */
public final class FileResources {

    /** The most bytes of file metadata read; a listing of 100 files is far below it. */
    public static final int MAX_METADATA_BYTES = 4 * 1024 * 1024;

    private FileResources() {
    }

    /** The body that starts an upload: {@code {"file":{"name"?,"displayName"?,"mimeType"}}}. */
    public static byte[] startBody(FileUpload upload) {
        Objects.requireNonNull(upload, "upload");
        return JsonDocuments.toJson(new FileJson.File(null, null, null, null, null, null, null, null, null, null, null,
                null, null, new FileJson.File(upload.name().orElse(null), upload.displayName().orElse(null),
                        upload.mimeType(), null, null, null, null, null, null, null, null, null, null, null)));
    }

    /**
     * What the body that starts an upload says, read as a server does (the emulator): every member
     * is optional, since the size and type may come in the {@code X-Goog-Upload-Header-*} headers.
     *
     * @param name the resource name asked for ({@code files/{id}} or the bare id), if any
     * @param displayName the display name, if any
     * @param mimeType the MIME type, if given in the body
     * @param sizeBytes the size, if given in the body
     */
    public record UploadStart(Optional<String> name, Optional<String> displayName, Optional<String> mimeType,
            OptionalLong sizeBytes) {

        /** Checks that every component is present. */
        public UploadStart {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(sizeBytes, "sizeBytes");
        }
    }

    /**
     * Reads the body that starts an upload, the server side of {@link #startBody}: {@code {"file":
     * {...}}}, members under their camelCase or snake_case names; an empty body says nothing.
     *
     * @throws InvalidRequestException what the API answers with 400: not a JSON object, or a
     *     member of the wrong type (the message names it and its value)
     */
    public static UploadStart readStart(byte[] body) {
        FileJson.Start start = JsonDocuments.bindRequest(body, FileJson.Start.class);
        FileJson.StartFile file = start.file() != null ? start.file()
                : new FileJson.StartFile(null, null, null, null, null, null, null);
        Object size = file.sizeBytes() != null ? file.sizeBytes() : file.sizeBytesSnake();
        OptionalLong sizeBytes = OptionalLong.empty();
        if (size != null) {
            try {
                sizeBytes = OptionalLong.of(size instanceof BigDecimal n ? n.longValueExact() : Long.parseLong((String) size));
            } catch (ArithmeticException | ClassCastException | NumberFormatException e) {
                throw JsonDocuments.invalidPayload("Invalid value at 'file.size_bytes' (TYPE_INT64), " + size);
            }
        }
        return new UploadStart(Optional.ofNullable(file.name()),
                Optional.ofNullable(file.displayName() != null ? file.displayName() : file.displayNameSnake()),
                Optional.ofNullable(file.mimeType() != null ? file.mimeType() : file.mimeTypeSnake()), sizeBytes);
    }

    /**
     * Reads a {@code File}, or the {@code {"file": File}} the upload's last chunk answers with.
     *
     * @param what the reply, for messages ("the get")
     * @throws MalformedResponseException if it is not a File (the message says what is wrong)
     */
    public static StoredFile readFile(InputStream body, String what) throws IOException {
        FileJson.File json = JsonDocuments.read(body, MAX_METADATA_BYTES, FileJson.File.class, "the " + what + " reply");
        return file(json.file() != null ? json.file() : json);
    }

    /**
     * Reads a list page: {@code {"files": [...], "nextPageToken": "..."}}, both optional.
     *
     * @param what the reply, for messages ("files.list")
     * @throws MalformedResponseException if it is not a page of Files
     */
    public static FilePage readPage(InputStream body, String what) throws IOException {
        FileJson.Page json = JsonDocuments.read(body, MAX_METADATA_BYTES, FileJson.Page.class, "the " + what + " reply");
        List<StoredFile> files = new ArrayList<>();
        for (FileJson.File file : json.files() == null ? List.<FileJson.File>of() : json.files()) {
            if (file == null) {
                throw JsonDocuments.malformed("the " + what + " reply's files array holds something other than objects", null);
            }
            files.add(file(file));
        }
        return new FilePage(files, Optional.ofNullable(json.nextPageToken()));
    }

    /** {@code file} as a {@code File} resource, as the API sends it ({@code sizeBytes} a string). */
    public static byte[] writeFile(StoredFile file) {
        return JsonDocuments.toJson(json(file));
    }

    /** {@code file} wrapped as the upload's last reply: {@code {"file": File}}. */
    public static byte[] writeUploaded(StoredFile file) {
        return JsonDocuments.toJson(new FileJson.File(null, null, null, null, null, null, null, null, null, null, null,
                null, null, json(file)));
    }

    /** {@code page} as a list reply; an empty page is {@code {}}, as the API sends it. */
    public static byte[] writePage(FilePage page) {
        List<FileJson.File> files = page.files().stream().map(FileResources::json).toList();
        return JsonDocuments.toJson(new FileJson.Page(files.isEmpty() ? null : files, page.nextPageToken().orElse(null)));
    }

    private static FileJson.File json(StoredFile f) {
        return new FileJson.File(f.name(), f.displayName().orElse(null), f.mimeType(), Long.toString(f.sizeBytes()),
                f.createTime().map(Instant::toString).orElse(null), f.updateTime().map(Instant::toString).orElse(null),
                f.expirationTime().map(Instant::toString).orElse(null), f.sha256().map(Sha256::toFilesApi).orElse(null),
                f.uri().toString(), f.downloadUri().map(URI::toString).orElse(null), f.state().value(),
                f.source().map(FileSource::value).orElse(null),
                f.error().map(e -> new FileJson.Status(e.code(), e.message(), null)).orElse(null), null);
    }

    private static StoredFile file(FileJson.File file) {
        String name = Optional.ofNullable(file.name())
                .orElseThrow(() -> JsonDocuments.malformed("a File in the reply has no name", null));
        try {
            StoredFile.checkName(name);
        } catch (RuntimeException e) {
            throw JsonDocuments.malformed("a File in the reply has a name that is not files/ and an id", null);
        }
        URI uri = Optional.ofNullable(file.uri()).map(u -> uri(u, "uri"))
                .orElseThrow(() -> JsonDocuments.malformed("File " + name + " in the reply has no uri", null));
        String mimeType = Optional.ofNullable(file.mimeType()).orElse("application/octet-stream");
        StoredFile.Builder b = StoredFile.builder(name, uri, mimeType, size(file.sizeBytes(), name))
                .state(Optional.ofNullable(file.state()).map(FileState::of).orElse(FileState.STATE_UNSPECIFIED));
        Optional.ofNullable(file.displayName()).ifPresent(b::displayName);
        Optional.ofNullable(file.createTime()).map(t -> instant(t, "createTime")).ifPresent(b::createTime);
        Optional.ofNullable(file.updateTime()).map(t -> instant(t, "updateTime")).ifPresent(b::updateTime);
        Optional.ofNullable(file.expirationTime()).map(t -> instant(t, "expirationTime")).ifPresent(b::expirationTime);
        Optional.ofNullable(file.source()).map(FileSource::of).ifPresent(b::source);
        Optional.ofNullable(file.downloadUri()).map(u -> uri(u, "downloadUri")).ifPresent(b::downloadUri);
        if (file.sha256Hash() != null) {
            try {
                b.sha256(Sha256.fromFilesApi(file.sha256Hash()));
            } catch (IllegalArgumentException e) {
                throw JsonDocuments.malformed("File " + name + " has a sha256Hash that is not base64 of a SHA-256 digest", e);
            }
        }
        if (file.error() != null) {
            b.error(new FileError(file.error().code() == null ? 0 : file.error().code(),
                    Optional.ofNullable(file.error().message()).orElse("")));
        }
        return b.build();
    }

    private static long size(Object value, String name) {
        try {
            if (value == null) {
                return 0; // the service omits zero-valued int64s
            }
            long size = value instanceof BigDecimal n ? n.longValueExact() : Long.parseLong((String) value);
            if (size < 0) {
                throw new NumberFormatException("negative");
            }
            return size;
        } catch (ArithmeticException | ClassCastException | NumberFormatException e) {
            throw JsonDocuments.malformed("File " + name + " has a sizeBytes that is not a byte count", e);
        }
    }

    private static URI uri(String text, String field) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw JsonDocuments.malformed("a File in the reply has a " + field + " that is not a URI", e);
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw JsonDocuments.malformed("a File in the reply has a " + field + " that is not an RFC 3339 time", e);
        }
    }
}
