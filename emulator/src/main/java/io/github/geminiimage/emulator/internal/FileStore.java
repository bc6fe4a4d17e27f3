package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileError;
import io.github.geminiimage.domain.file.FileSource;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files API's storage: every file's bytes on disk under the data folder, written and read in
 * 64 KiB buffers so a 2 GB upload takes no more heap than a small one; the metadata in memory.
 * Resumable upload sessions (start, upload, query, cancel, finalize) append to a part file and keep whole
 * granules of a cut chunk, so a client can {@code query} and resume. Thread-safe.
 */
public final class FileStore {

    /** How long the service keeps a file. */
    static final Duration RETENTION = Duration.ofHours(48);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern FILE_URI = Pattern.compile(".*/(?:v1beta|v1)/files/([a-z0-9-]+)$");
    private static final int BUFFER = 64 * 1024;

    /**
     * A stored file.
     *
     * @param name {@code files/{id}}
     * @param displayName the display name, if given
     * @param mimeType the declared MIME type
     * @param sizeBytes the size
     * @param createTime when it was finalized
     * @param sha256Hex the lowercase hex SHA-256 of the content
     * @param source {@code UPLOADED} or {@code GENERATED}
     * @param content where the bytes are
     * @param sequence the order of creation
     * @param readsLeft how many more reads see it {@code PROCESSING} ({@link Integer#MAX_VALUE}: forever)
     * @param failure why its processing fails, if it does
     */
    public record Entry(String name, Optional<String> displayName, String mimeType, long sizeBytes, Instant createTime,
            String sha256Hex, String source, Path content, long sequence, AtomicInteger readsLeft, Optional<String> failure) {

        /** The id after {@code files/}. */
        public String id() {
            return name.substring("files/".length());
        }
    }

    /** What a chunk, query or cancel answered: the session status, the bytes held, the file once final. */
    public record SessionState(String status, long received, Optional<Entry> file) {
    }

    private static final class Session {
        final String id;
        final long total;
        final String mimeType;
        final Optional<String> displayName;
        final Optional<String> name;
        final Path part;
        long received;
        String status = "active";
        Entry file;

        Session(String id, long total, String mimeType, Optional<String> displayName, Optional<String> name, Path part) {
            this.id = id;
            this.total = total;
            this.mimeType = mimeType;
            this.displayName = displayName;
            this.name = name;
            this.part = part;
        }
    }

    private final Path files;
    private final Path uploads;
    private final long granularity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> order = new ConcurrentSkipListMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int processingReads;
    private volatile Optional<String> processingFailure = Optional.empty();

    /** A store under {@code dataDir} ({@code files/} and {@code uploads/} are created in it). */
    public FileStore(Path dataDir, long granularity) {
        this.files = dataDir.resolve("files");
        this.uploads = dataDir.resolve("uploads");
        this.granularity = granularity;
        try {
            Files.createDirectories(files);
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the emulator's data folders under " + dataDir, e);
        }
    }

    /**
     * Makes later uploads {@code PROCESSING} for {@code reads} reads ({@link Integer#MAX_VALUE}:
     * forever), then {@code ACTIVE}, or {@code FAILED} with {@code failure} (then at the first read).
     */
    public void processing(int reads, Optional<String> failure) {
        this.processingReads = reads;
        this.processingFailure = failure;
    }

    /** The granularity every non-final chunk must be a multiple of. */
    public long granularity() {
        return granularity;
    }

    /**
     * Opens an upload session.
     *
     * @return the session id
     * @throws ApiError for a missing size or MIME type, a bad or taken name
     */
    public String start(long total, String mimeType, Optional<String> displayName, Optional<String> name) {
        if (total < 0) {
            throw ApiError.invalidArgument("X-Goog-Upload-Header-Content-Length must be the file's size in bytes");
        }
        if (total > 2L * 1024 * 1024 * 1024) {
            throw ApiError.invalidArgument("The file is larger than 2 GB, the Files API's limit: " + total + " bytes");
        }
        if (displayName.isPresent() && displayName.get().length() > 512) {
            throw ApiError.invalidArgument("* CreateFileRequest.file.display_name: must be at most 512 characters");
        }
        Optional<String> id = name.map(n -> n.startsWith("files/") ? n.substring(6) : n);
        if (id.isPresent()) {
            if (!NAME.matcher(id.get()).matches()) {
                throw ApiError.invalidArgument("* CreateFileRequest.file.name: Invalid resource name files/" + id.get()
                        + ": at most 40 lowercase letters, digits or dashes, not starting or ending with a dash");
            }
            if (entries.containsKey("files/" + id.get())) {
                throw ApiError.of(409, "ALREADY_EXISTS", "File files/" + id.get() + " already exists.");
            }
        }
        String sessionId = token(24);
        Path part = uploads.resolve(sessionId + ".part");
        try {
            Files.createFile(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sessions.put(sessionId, new Session(sessionId, total, mimeType, displayName, id, part));
        return sessionId;
    }

    /**
     * Appends one chunk read from {@code body}. A chunk cut short keeps its whole granules and
     * rethrows, so the connection drops and a {@code query} tells the client where to resume.
     *
     * @throws ApiError for an unknown session, a wrong offset or size, a finished or cancelled session
     * @throws IOException if reading the body fails
     */
    public SessionState upload(String sessionId, long offset, long length, boolean finalize, InputStream body)
            throws IOException {
        Session session = session(sessionId);
        synchronized (session) {
            if (!session.status.equals("active")) {
                throw ApiError.failedPrecondition("The upload session is " + session.status + ".");
            }
            if (offset != session.received || length < 0 || offset + length > session.total
                    || !finalize && length % granularity != 0 || finalize && offset + length != session.total) {
                throw ApiError.invalidArgument("Chunk at offset " + offset + " of " + length + " bytes refused: the "
                        + "server holds " + session.received + " of " + session.total + " bytes; every chunk but the last "
                        + "must be a multiple of " + granularity + " bytes");
            }
            long copied = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(session.part, StandardOpenOption.APPEND)) {
                while (copied < length) {
                    int n = body.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    copied += n;
                }
            } catch (IOException e) {
                keepWholeGranules(session, offset, copied);
                throw e;
            }
            if (copied < length) {
                keepWholeGranules(session, offset, copied);
                throw new IOException("the chunk ended after " + copied + " of " + length + " bytes");
            }
            session.received = offset + length;
            if (finalize) {
                session.file = store(session.part, session.name, session.mimeType, session.displayName, "UPLOADED");
                session.status = "final";
            }
            return state(session);
        }
    }

    /** The session's status and the bytes it holds ({@code X-Goog-Upload-Command: query}). */
    public SessionState query(String sessionId) {
        Session session = session(sessionId);
        synchronized (session) {
            return state(session);
        }
    }

    /** Abandons the session and its bytes ({@code X-Goog-Upload-Command: cancel}). */
    public SessionState cancel(String sessionId) {
        Session session = session(sessionId);
        synchronized (session) {
            if (session.status.equals("active")) {
                session.status = "cancelled";
                try {
                    Files.deleteIfExists(session.part);
                } catch (IOException e) {
                    // A leftover part file is harmless; it goes with the data folder.
                }
            }
            return state(session);
        }
    }

    /** Stores generated content (a batch's results) under {@code name}, streamed from {@code writer}. */
    public Entry putGenerated(String name, String mimeType, String displayName, ContentWriter writer) throws IOException {
        Path part = uploads.resolve(token(24) + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            writer.writeTo(out);
        }
        return store(part, Optional.of(name.substring("files/".length())), mimeType, Optional.of(displayName), "GENERATED");
    }

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the content. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** The file {@code files/{id}}. */
    public Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get("files/" + id));
    }

    /** The state a read of the file sees now; each read of a processing file counts. */
    public static String read(Entry entry) {
        int left = entry.readsLeft().get();
        if (left == Integer.MAX_VALUE) {
            return "PROCESSING";
        }
        if (entry.failure().isPresent() && left >= 0) {
            return "FAILED";
        }
        return entry.readsLeft().getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? "PROCESSING" : "ACTIVE";
    }

    /** The state without counting a read. */
    public static String peek(Entry entry) {
        int left = entry.readsLeft().get();
        return left == Integer.MAX_VALUE || left > 0 ? "PROCESSING" : entry.failure().isPresent() ? "FAILED" : "ACTIVE";
    }

    /** The file, or the service's 403 for a file that does not exist. */
    public Entry require(String id) {
        return get(id).orElseThrow(() -> missing(id));
    }

    /** The service's answer for a file it does not hold. */
    static ApiError missing(String id) {
        return ApiError.of(403, "PERMISSION_DENIED", "You do not have permission to access the File " + id
                + " or it may not exist.");
    }

    /** One page of files in creation order, and the token of the next page. */
    public Map.Entry<List<Entry>, Optional<String>> list(int pageSize, Optional<String> pageToken) {
        long from = 0;
        if (pageToken.isPresent() && !pageToken.get().isEmpty()) {
            from = pageNumber(pageToken.get());
        }
        List<Entry> page = new ArrayList<>();
        Optional<String> next = Optional.empty();
        for (Map.Entry<Long, String> e : order.tailMap(from, true).entrySet()) {
            Entry entry = entries.get(e.getValue());
            if (entry == null) {
                continue;
            }
            if (page.size() == pageSize) {
                next = Optional.of(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("files:" + e.getKey()).getBytes(StandardCharsets.US_ASCII)));
                break;
            }
            page.add(entry);
        }
        return Map.entry(List.copyOf(page), next);
    }

    private static long pageNumber(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (text.startsWith("files:")) {
                return Long.parseLong(text.substring(6));
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the 400 below.
        }
        throw ApiError.invalidArgument("Invalid page token: " + token);
    }

    /** Deletes a file. */
    public void delete(String id) {
        Entry entry = entries.remove("files/" + id);
        if (entry == null) {
            throw missing(id);
        }
        order.remove(entry.sequence());
        try {
            Files.deleteIfExists(entry.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves a {@code fileData.fileUri} naming a file of this store to its bytes on disk. */
    public Optional<ImageInput> resolve(URI uri, MediaType mediaType) {
        Matcher m = FILE_URI.matcher(String.valueOf(uri.getPath()));
        if (!m.matches()) {
            return Optional.empty();
        }
        Entry entry = require(m.group(1));
        if (!peek(entry).equals("ACTIVE")) {
            throw ApiError.failedPrecondition("The File " + entry.id() + " is not in an ACTIVE state and usage is not allowed.");
        }
        try {
            return Optional.of(ImageInput.ofFile(entry.content(), mediaType));
        } catch (InvalidRequestException e) {
            // The service's own words for a stored file that is not an image; never the emulator's disk path.
            throw ApiError.invalidArgument("Unable to process input image. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting");
        }
    }

    /** Forgets every file and session and deletes their bytes. */
    public void clear() {
        for (String name : List.copyOf(entries.keySet())) {
            try {
                delete(name.substring(6));
            } catch (RuntimeException e) {
                // Deleted meanwhile.
            }
        }
        for (Session session : List.copyOf(sessions.values())) {
            cancel(session.id);
        }
        sessions.clear();
    }

    /** The File resource as Google writes it, with URIs on {@code base}, in the state given. */
    public static StoredFile resource(Entry entry, String base, String state) {
        Instant created = entry.createTime();
        StoredFile.Builder b = StoredFile.builder(entry.name(), URI.create(base + "/v1beta/" + entry.name()),
                entry.mimeType(), entry.sizeBytes()).state(FileState.of(state)).createTime(created).updateTime(created)
                .expirationTime(created.plus(RETENTION)).sha256(Sha256.ofHex(entry.sha256Hex()))
                .source(FileSource.of(entry.source()));
        entry.displayName().ifPresent(b::displayName);
        if (entry.source().equals("GENERATED")) {
            b.downloadUri(URI.create(base + "/download/v1beta/" + entry.name() + ":download?alt=media"));
        }
        if (state.equals("FAILED")) {
            b.error(new FileError(3, entry.failure().orElse("")));
        }
        return b.build();
    }

    private SessionState state(Session session) {
        return new SessionState(session.status, session.received, Optional.ofNullable(session.file));
    }

    private Session session(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            throw ApiError.notFound("No upload session " + sessionId + ".");
        }
        return session;
    }

    private void keepWholeGranules(Session session, long offset, long copied) throws IOException {
        long kept = offset + copied / granularity * granularity;
        try (FileChannel channel = FileChannel.open(session.part, StandardOpenOption.WRITE)) {
            channel.truncate(kept);
        }
        session.received = kept;
    }

    private Entry store(Path part, Optional<String> wantedId, String mimeType, Optional<String> displayName, String source)
            throws IOException {
        String id = wantedId.orElseGet(() -> {
            String candidate;
            do {
                candidate = token(12).toLowerCase(java.util.Locale.ROOT).replace('_', '0').replace('-', '1');
            } while (entries.containsKey("files/" + candidate));
            return candidate;
        });
        Path content = files.resolve(id + ".bin");
        Files.move(part, content, StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(content);
        long seq = sequence.incrementAndGet();
        boolean uploaded = source.equals("UPLOADED");
        Entry entry = new Entry("files/" + id, displayName, mimeType, size, Instant.now().truncatedTo(ChronoUnit.MICROS),
                sha256Hex(content), source, content, seq, new AtomicInteger(uploaded ? processingReads : 0),
                uploaded ? processingFailure : Optional.empty());
        Entry old = entries.put(entry.name(), entry);
        if (old != null) {
            order.remove(old.sequence());
        }
        order.put(seq, entry.name());
        return entry;
    }

    private static String sha256Hex(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
