package io.github.geminiimage.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback Files API's JSON, written by hand (JSON binding stays inside the http module): a
 * {@code File} as the service writes it, and the members of a start body.
 */
final class FilesJson {

    private FilesJson() {
    }

    /** {@code file.<key>} (or its snake_case form) of a start body, if present as a string without escapes. */
    static Optional<String> member(String startBody, String key) {
        String snake = key.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
        Matcher m = Pattern.compile("[\"'](?:" + key + "|" + snake + ")[\"']\\s*:\\s*[\"']([^\"'\\\\]*)[\"']")
                .matcher(startBody);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A {@code File} resource: {@code sizeBytes} as a string, times in RFC 3339, expiry 48 h after creation. */
    static String file(String name, String uri, String mimeType, long size, String state, Optional<String> displayName,
            Instant created, String sha256Hash, Optional<String> downloadUri) {
        StringBuilder b = new StringBuilder("{\"name\":").append(quote(name));
        displayName.ifPresent(d -> b.append(",\"displayName\":").append(quote(d)));
        b.append(",\"mimeType\":").append(quote(mimeType)).append(",\"sizeBytes\":\"").append(size).append('"')
                .append(",\"createTime\":\"").append(created).append('"')
                .append(",\"updateTime\":\"").append(created).append('"')
                .append(",\"expirationTime\":\"").append(created.plus(48, ChronoUnit.HOURS)).append('"')
                .append(",\"sha256Hash\":").append(quote(sha256Hash)).append(",\"uri\":").append(quote(uri))
                .append(",\"state\":\"").append(state).append("\",\"source\":\"UPLOADED\"");
        downloadUri.ifPresent(d -> b.append(",\"downloadUri\":").append(quote(d)));
        return b.append('}').toString();
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A query parameter, decoded. */
    static Optional<String> param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The lowercase hex SHA-256 of a file, read in 64 KiB blocks. */
    static String sha256(Path content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(content)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
