package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.FileError;
import io.github.geminiimage.domain.FilePage;
import io.github.geminiimage.domain.FileSource;
import io.github.geminiimage.domain.FileState;
import io.github.geminiimage.domain.FileUpload;
import io.github.geminiimage.domain.MalformedResponseException;
import io.github.geminiimage.domain.Sha256;
import io.github.geminiimage.domain.StoredFile;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Files API's JSON: the {@code File} resource (wire-format-2.md §1.3; {@code sizeBytes} as a
 * string or a number, {@code sha256Hash} in either of its base64 forms), the list page and the
 * upload's start metadata. Every reply is small (a file's metadata), so it is read whole up to a cap.
 * Stateless.
 */
final class FileWire {

    /** The most bytes of file metadata read; a listing of 100 files is far below it. */
    static final int MAX_METADATA_BYTES = 4 * 1024 * 1024;

    private FileWire() {
    }

    /** The start request's body: {@code {"file": {"name"?, "displayName"?, "mimeType"}}}. */
    static byte[] startBody(FileUpload upload) {
        JsonObjectBuilder file = Json.createObjectBuilder();
        upload.name().ifPresent(n -> file.add("name", n));
        upload.displayName().ifPresent(d -> file.add("displayName", d));
        file.add("mimeType", upload.mimeType());
        return Json.createObjectBuilder().add("file", file).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a JSON object from a reply body of at most {@link #MAX_METADATA_BYTES}. */
    static JsonObject readObject(InputStream body, String what) throws IOException {
        byte[] bytes = body.readNBytes(MAX_METADATA_BYTES + 1);
        if (bytes.length > MAX_METADATA_BYTES) {
            throw malformed("the " + what + " reply is larger than " + MAX_METADATA_BYTES + " bytes", null);
        }
        if (bytes.length == 0) {
            throw malformed("the " + what + " reply has an empty body", null);
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw malformed("the " + what + " reply is not a JSON object", e);
        }
    }

    /** A {@code File}, or the {@code {"file": File}} wrapper the upload's last chunk answers with. */
    static StoredFile file(JsonObject json) {
        JsonObject file = json.containsKey("file") && json.get("file") instanceof JsonObject inner ? inner : json;
        String name = string(file, "name").orElseThrow(() -> malformed("a File in the reply has no name", null));
        try {
            StoredFile.checkName(name);
        } catch (RuntimeException e) {
            throw malformed("a File in the reply has a name that is not files/ and an id", null);
        }
        URI uri = string(file, "uri").map(u -> uri(u, "uri"))
                .orElseThrow(() -> malformed("File " + name + " in the reply has no uri", null));
        String mimeType = string(file, "mimeType").orElse("application/octet-stream");
        StoredFile.Builder b = StoredFile.builder(name, uri, mimeType, size(file, name))
                .state(string(file, "state").map(FileState::of).orElse(FileState.STATE_UNSPECIFIED));
        string(file, "displayName").ifPresent(b::displayName);
        string(file, "createTime").map(t -> instant(t, "createTime")).ifPresent(b::createTime);
        string(file, "updateTime").map(t -> instant(t, "updateTime")).ifPresent(b::updateTime);
        string(file, "expirationTime").map(t -> instant(t, "expirationTime")).ifPresent(b::expirationTime);
        string(file, "source").map(FileSource::of).ifPresent(b::source);
        string(file, "downloadUri").map(u -> uri(u, "downloadUri")).ifPresent(b::downloadUri);
        Optional<String> hash = string(file, "sha256Hash");
        if (hash.isPresent()) {
            try {
                b.sha256(Sha256.fromFilesApi(hash.get()));
            } catch (IllegalArgumentException e) {
                throw malformed("File " + name + " has a sha256Hash that is not base64 of a SHA-256 digest", e);
            }
        }
        if (file.get("error") instanceof JsonObject error) {
            int code = error.get("code") instanceof JsonNumber n ? n.intValue() : 0;
            b.error(new FileError(code, string(error, "message").orElse("")));
        }
        return b.build();
    }

    /** A list page: {@code {"files": [...], "nextPageToken": "..."}}, both optional. */
    static FilePage page(JsonObject json) {
        List<StoredFile> files = new ArrayList<>();
        JsonValue list = json.get("files");
        if (list instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (!(value instanceof JsonObject object)) {
                    throw malformed("the list reply's files array holds something other than objects", null);
                }
                files.add(file(object));
            }
        } else if (list != null && list != JsonValue.NULL) {
            throw malformed("the list reply's files member is not an array", null);
        }
        return new FilePage(files, string(json, "nextPageToken"));
    }

    private static long size(JsonObject file, String name) {
        JsonValue value = file.get("sizeBytes");
        try {
            if (value == null || value == JsonValue.NULL) {
                return 0; // the service omits zero-valued int64s
            }
            long size = value instanceof JsonNumber n ? n.longValueExact() : Long.parseLong(((JsonString) value).getString());
            if (size < 0) {
                throw new NumberFormatException("negative");
            }
            return size;
        } catch (ArithmeticException | ClassCastException | NumberFormatException e) {
            throw malformed("File " + name + " has a sizeBytes that is not a byte count", e);
        }
    }

    private static Optional<String> string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static URI uri(String text, String field) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw malformed("a File in the reply has a " + field + " that is not a URI", e);
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("a File in the reply has a " + field + " that is not an RFC 3339 time", e);
        }
    }

    static MalformedResponseException malformed(String message, Throwable cause) {
        return new MalformedResponseException(message, new ErrorDetails(200, Optional.empty(), Optional.empty(), 1,
                Optional.empty()), cause);
    }
}
