package io.github.geminiimage.http.internal.cassette;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of a cassette folder: {@code NNNN-METHOD-name.json} per exchange, numbered in the order
 * the requests were sent, and {@code <sha256>.bin} per payload. Every file is written to a temporary
 * name in the folder and renamed into place, so a reader never sees half a file. Thread-safe.
 */
final class CassetteFolder {

    private static final Pattern DOCUMENT = Pattern.compile("\\d{4,}-[A-Z]+-[A-Za-z0-9._-]*\\.json");
    private static final Pattern PAYLOAD = Pattern.compile("[0-9a-f]{64}\\.bin");
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    private final Path folder;

    CassetteFolder(Path folder) {
        this.folder = folder;
    }

    Path path() {
        return folder;
    }

    /** The file holding the payload or binary body {@code sha256}. */
    static Path payloadFile(Path folder, String sha256) {
        return folder.resolve(sha256 + ".bin");
    }

    /** A recorded exchange and the name of its document. */
    record Entry(String name, int number, Documents.Exchange exchange) {
    }

    /** Every document, in number order; fails naming the file that cannot be read or a payload that is missing. */
    List<Entry> load() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : names(DOCUMENT)) {
            Path file = folder.resolve(name);
            Documents.Exchange exchange;
            try (InputStream in = Files.newInputStream(file)) {
                exchange = JSONB.fromJson(in, Documents.Exchange.class);
            } catch (JsonbException e) {
                throw new IllegalStateException("the cassette document " + file + " is not valid: " + e.getMessage(), e);
            }
            if (exchange == null || exchange.format() != Documents.FORMAT || exchange.request() == null) {
                throw new IllegalStateException("the cassette document " + file + " is not of format " + Documents.FORMAT);
            }
            entries.add(new Entry(name, Integer.parseInt(name.substring(0, name.indexOf('-'))), exchange));
        }
        entries.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return entries;
    }

    /** Checks the payloads a body names are present. */
    void requirePayloads(StoredBody body, String document) {
        List<String> needed = new ArrayList<>();
        if (body instanceof StoredBody.Binary binary) {
            needed.add(binary.sha256());
        } else if (body instanceof StoredBody.Text text) {
            text.segments().stream().filter(StoredBody.Payload.class::isInstance)
                    .forEach(s -> needed.add(((StoredBody.Payload) s).sha256()));
        }
        for (String sha : needed) {
            if (!Files.isRegularFile(payloadFile(folder, sha))) {
                throw new IllegalStateException("the cassette document " + folder.resolve(document) + " needs the payload file "
                        + sha + ".bin, which is missing");
            }
        }
    }

    /** Deletes the exchange documents and payloads (only files named as this class names them). */
    void clear() throws IOException {
        for (String name : names(DOCUMENT)) {
            Files.deleteIfExists(folder.resolve(name));
        }
        for (String name : names(PAYLOAD)) {
            Files.deleteIfExists(folder.resolve(name));
        }
    }

    /** The document name for exchange {@code number}. */
    static String documentName(int number, String method, String path) {
        String last = path;
        int cut = Math.max(last.lastIndexOf('/'), last.lastIndexOf(':'));
        last = last.substring(cut + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (last.length() > 40) {
            last = last.substring(0, 40);
        }
        return String.format("%04d-%s-%s.json", number, method, last);
    }

    /** Writes {@code exchange} as {@code name}, atomically. */
    void write(String name, Documents.Exchange exchange) throws IOException {
        Path temp = Files.createTempFile(folder, ".doc-", ".tmp");
        try {
            // Documents are small (payloads live beside them); JSON-B closes a stream it writes to.
            Files.writeString(temp, JSONB.toJson(exchange) + "\n", StandardCharsets.UTF_8);
            move(temp, folder.resolve(name));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A spool file in the folder for a body on its way to being stored (hidden, deleted after). */
    Path spool() throws IOException {
        return Files.createTempFile(folder, ".spool-", ".tmp");
    }

    /** A sink that writes each payload to {@code <sha256>.bin} (kept once when two are equal). */
    BodyScanner.PayloadSink payloads() {
        return () -> {
            Path temp = Files.createTempFile(folder, ".payload-", ".tmp");
            MessageDigest digest = Hashes.sha256();
            OutputStream file = new DigestOutputStream(Files.newOutputStream(temp), digest);
            return new BodyScanner.PayloadOut() {
                @Override
                public void write(int b) throws IOException {
                    file.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    file.write(b, off, len);
                }

                @Override
                String finish() throws IOException {
                    file.close();
                    String sha = Hashes.hex(digest);
                    Path target = payloadFile(folder, sha);
                    if (Files.exists(target)) {
                        Files.deleteIfExists(temp);
                    } else {
                        move(temp, target);
                    }
                    return sha;
                }

                @Override
                void discard() {
                    try {
                        file.close();
                        Files.deleteIfExists(temp);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        };
    }

    private List<String> names(Pattern pattern) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (pattern.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(from);
        }
    }
}
