package io.github.geminiimage.wire.internal.json;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The JSON-B records of the Files API. Any component may be null (absent on the wire). */
public final class FileJson {

    private FileJson() {
    }

    /**
     * A {@code File} resource, or the {@code {"file": File}} wrapper around one (the upload's
     * start request and last reply). {@code sizeBytes} is an int64, sent as a string but read
     * as either.
     */
    @JsonbPropertyOrder({"name", "displayName", "mimeType", "sizeBytes", "createTime", "updateTime", "expirationTime",
        "sha256Hash", "uri", "downloadUri", "state", "source", "error", "file"})
    public record File(String name, String displayName, String mimeType, Object sizeBytes, String createTime,
            String updateTime, String expirationTime, String sha256Hash, String uri, String downloadUri,
            String state, String source, Status error, File file) {
    }

    /** A {@code google.rpc.Status}, as a File's {@code error}. */
    @JsonbPropertyOrder({"code", "message", "status"})
    public record Status(Integer code, String message, String status) {
    }

    /**
     * The body that starts an upload as a server reads it, {@code {"file": {...}}}: each member
     * under its camelCase or, as proto3 JSON allows, its snake_case name.
     */
    public record Start(StartFile file) {
    }

    /** The file described by {@link Start}; {@code sizeBytes} a string or a number. */
    public record StartFile(String name, String displayName,
            @JsonbProperty("display_name") String displayNameSnake, String mimeType,
            @JsonbProperty("mime_type") String mimeTypeSnake, Object sizeBytes,
            @JsonbProperty("size_bytes") Object sizeBytesSnake) {
    }

    /** A list page: {@code {"files": [...], "nextPageToken": "..."}}. */
    @JsonbPropertyOrder({"files", "nextPageToken"})
    public record Page(List<File> files, String nextPageToken) {
    }
}
