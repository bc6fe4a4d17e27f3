package io.github.geminiimage.tck;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The loopback Files API's JSON: a {@code File} as the service writes it, and reading the start metadata. */
final class FilesJson {

    private FilesJson() {
    }

    /** {@code file.<key>} (or its snake_case form) of a start body, if present. */
    static Optional<String> member(String startBody, String key) {
        if (startBody.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(startBody))) {
            JsonObject file = reader.readObject().getJsonObject("file");
            if (file == null) {
                return Optional.empty();
            }
            String snake = key.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            JsonString value = file.containsKey(key) ? file.getJsonString(key) : file.getJsonString(snake);
            return Optional.ofNullable(value).map(JsonString::getString);
        }
    }

    /** A {@code File} resource: {@code sizeBytes} as a string, times in RFC 3339, expiry 48 h after creation. */
    static String file(String name, String uri, String mimeType, long size, String state, Optional<String> displayName,
            Instant created, String sha256Hash, Optional<String> downloadUri) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("name", name);
        displayName.ifPresent(d -> b.add("displayName", d));
        b.add("mimeType", mimeType).add("sizeBytes", Long.toString(size)).add("createTime", created.toString())
                .add("updateTime", created.toString())
                .add("expirationTime", created.plus(48, ChronoUnit.HOURS).toString()).add("sha256Hash", sha256Hash)
                .add("uri", uri).add("state", state).add("source", "UPLOADED");
        downloadUri.ifPresent(d -> b.add("downloadUri", d));
        return b.build().toString();
    }

    /** A JSON string literal. */
    static String quote(String text) {
        return Json.createValue(text).toString();
    }
}
