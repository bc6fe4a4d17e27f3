package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.AtomicDownload;
import io.github.geminiimage.adapter.fake.internal.FileReplies;
import io.github.geminiimage.adapter.fake.internal.StoredContent;
import io.github.geminiimage.adapter.fake.internal.UploadReader;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.file.FileError;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileSource;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.domain.poll.Poller;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.UploadProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An in-memory Files API ({@link FilesPort}) for offline tests and demos that answers what the
 * service answers; give it to {@link FakeImageGeneration.Builder#files} and the fake's
 * {@code generate} resolves references to the files held here. A file is {@code PROCESSING} for
 * {@link Builder#processingTime} on the {@link Builder#clock} (zero by default: {@code ACTIVE} at
 * once, like images), then {@code ACTIVE}, or {@code FAILED} if
 * {@link #failProcessingOfNextUpload scripted}; after 48 hours it is gone. {@link #failNext}
 * scripts the next call of an operation to fail with any domain exception.
 *
 * <p>Thread-safe. With a {@link FakeClock} it never sleeps: {@link #awaitActive} advances that
 * clock between polls.
 */
public final class FakeFiles implements FilesPort {

    /** Set for the views of a {@link FakeGeminiClient}: their own close() then does nothing. */
    private final boolean partOfClient;

    /** The operations whose next call {@link #failNext} can script to fail. */
    public enum Operation { UPLOAD, GET, LIST, DELETE, DOWNLOAD }

    /** How long the service keeps a file. */
    public static final Duration RETENTION = Duration.ofHours(48);

    private final Clock clock;
    private final Duration processingTime;
    private final Duration pollInterval;
    private final ScriptedCalls<Operation> calls;

    private final Object lock = new Object();
    private final Map<String, Entry> files = new LinkedHashMap<>();
    private final Deque<String> processingFailures = new ArrayDeque<>();
    private final SplittableRandom ids;
    private long sequence;

    private record Entry(long sequence, StoredFile file, StoredContent content, Optional<String> failure) {
    }

    private FakeFiles(Builder builder) {
        this.partOfClient = builder.partOfClient;
        this.clock = builder.clock;
        this.processingTime = builder.processingTime;
        this.pollInterval = builder.pollInterval;
        this.ids = new SplittableRandom(builder.seed);
        this.calls = new ScriptedCalls<>(Operation.class, builder.executor, "fake-files-", FakeFiles::closedFailure);
    }

    /** A store with the defaults: the system clock, files {@code ACTIVE} at once. */
    public static FakeFiles create() {
        return builder().build();
    }

    /** A builder for a store with another clock, processing time or executor. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the next call of {@code operation} fail with the exception {@code failure} makes.
     * Failures queue up in order, per operation. A failed upload stores nothing.
     *
     * @return this store, to chain
     */
    public FakeFiles failNext(Operation operation, Supplier<? extends ImageGenerationException> failure) {
        calls.failNext(operation, failure);
        return this;
    }

    /**
     * Makes the next upload end {@code FAILED} once its processing time has passed, with
     * {@code message} as the file's error.
     *
     * @return this store, to chain
     */
    public FakeFiles failProcessingOfNextUpload(String message) {
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            processingFailures.add(message);
        }
        return this;
    }

    /**
     * Stores a file the service made (e.g. a batch's result file), {@code ACTIVE} at once, with
     * source {@code GENERATED}.
     */
    public StoredFile putGenerated(byte[] content, String mimeType, String displayName) {
        StoredContent stored = StoredContent.of(content);
        synchronized (lock) {
            StoredFile file = newFile(Optional.empty(), mimeType, stored.size(), Sha256.of(content), FileSource.GENERATED,
                    Optional.of(displayName));
            files.put(file.name(), new Entry(sequence++, file, stored, Optional.empty()));
            return file;
        }
    }

    /**
     * Stores a file the service made under a name of the caller's choosing ({@code files/batch-...}
     * for a batch's results), {@code ACTIVE} at once, with source {@code GENERATED}.
     *
     * @throws InvalidRequestException if a file of that name is held
     */
    public StoredFile putGenerated(String name, byte[] content, String mimeType, String displayName) {
        FileReplies.checkName(name);
        StoredContent stored = StoredContent.of(content);
        synchronized (lock) {
            dropExpired();
            if (files.containsKey(name)) {
                throw FileReplies.alreadyExists(name);
            }
            StoredFile file = newFile(Optional.of(name), mimeType, stored.size(), Sha256.of(content), FileSource.GENERATED,
                    Optional.of(displayName));
            files.put(file.name(), new Entry(sequence++, file, stored, Optional.empty()));
            return file;
        }
    }

    /** The names of the files held now (expired ones excluded), oldest first. */
    public List<String> names() {
        synchronized (lock) {
            dropExpired();
            return List.copyOf(files.keySet());
        }
    }

    /** A copy of a held file's content, if the file is held. */
    public Optional<byte[]> content(String name) {
        synchronized (lock) {
            dropExpired();
            Entry entry = files.get(name);
            return entry == null ? Optional.empty() : Optional.of(entry.content().toByteArray());
        }
    }

    /**
     * Reads the content in 8 MiB chunks (progress after each, as the resumable protocol confirms
     * them), checks the length against the declared size, and stores the file with a generated
     * {@code files/...} name, the Files API URI, size, SHA-256, create time and an expiration 48
     * hours later. A failed upload stores nothing.
     */
    @Override
    public StoredFile upload(FileUpload upload, UploadProgress progress) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(progress, "progress");
        calls.begin(Operation.UPLOAD);
        UploadReader.Read read = UploadReader.read(upload, progress);
        synchronized (lock) {
            if (upload.name().isPresent() && files.containsKey(upload.name().get())) {
                throw FileReplies.alreadyExists(upload.name().get());
            }
            StoredFile file = newFile(upload.name(), upload.mimeType(), upload.sizeBytes(), read.sha256(),
                    FileSource.UPLOADED, upload.displayName());
            files.put(file.name(), new Entry(sequence++, file, read.content(), Optional.ofNullable(processingFailures.poll())));
            return view(files.get(file.name()));
        }
    }

    @Override
    public CompletableFuture<StoredFile> uploadAsync(FileUpload upload, UploadProgress progress) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(progress, "progress");
        return calls.async(() -> upload(upload, progress));
    }

    /**
     * The file as the clock now has it. A name that is not held (never uploaded, deleted, expired) is
     * answered as the Gemini API does: HTTP 403 {@code PERMISSION_DENIED} "You do not have permission
     * to access the File ... or it may not exist." ({@code PermissionDeniedException}).
     */
    @Override
    public StoredFile get(String name) {
        FileReplies.checkName(name);
        return withHeld(Operation.GET, name, this::view);
    }

    @Override
    public CompletableFuture<StoredFile> getAsync(String name) {
        Objects.requireNonNull(name, "name");
        return calls.async(() -> get(name));
    }

    /** Pages in upload order with opaque page tokens; a page has at most the page size asked for. */
    @Override
    public FilePage listPage(int pageSize, Optional<String> pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        FilePage.checkPageSize(pageSize);
        calls.begin(Operation.LIST);
        long from = pageToken.map(FileReplies::pageTokenSequence).orElse(0L);
        synchronized (lock) {
            dropExpired();
            List<StoredFile> page = new ArrayList<>();
            Optional<String> next = Optional.empty();
            for (Entry entry : files.values()) {
                if (entry.sequence() < from) {
                    continue;
                }
                if (page.size() == pageSize) {
                    next = Optional.of(FileReplies.pageToken(entry.sequence()));
                    break;
                }
                page.add(view(entry));
            }
            return new FilePage(page, next);
        }
    }

    @Override
    public CompletableFuture<FilePage> listPageAsync(int pageSize, Optional<String> pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        return calls.async(() -> listPage(pageSize, pageToken));
    }

    @Override
    public void delete(String name) {
        FileReplies.checkName(name);
        withHeld(Operation.DELETE, name, entry -> files.remove(name));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        Objects.requireNonNull(name, "name");
        return calls.async(() -> {
            delete(name);
            return null;
        });
    }

    @Override
    public StoredFile awaitActive(String name, Duration timeout) {
        FileReplies.checkName(name);
        Objects.requireNonNull(timeout, "timeout");
        int[] polls = {0};
        return FakeWaits.poll(() -> get(name), (StoredFile file) -> {
            polls[0]++;
            if (file.state().equals(FileState.FAILED)) {
                throw FileReplies.processingFailed(file, polls[0]);
            }
            return file.isActive();
        }, (file, count) -> new GenerationTimeoutException(name + " is still " + file.state() + " after waiting " + timeout
                + " (" + count + " polls)", ErrorDetails.ofAttempts(count)), clock, timeout, new Poller.Schedule(pollInterval, 1.0, pollInterval));
    }

    @Override
    public CompletableFuture<StoredFile> awaitActiveAsync(String name, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        return calls.async(() -> awaitActive(name, timeout));
    }

    /**
     * Unlike the service, lets every file be downloaded, not only generated ones (the service's
     * answer for uploaded files is not documented).
     */
    @Override
    public long download(String name, Path target) {
        Objects.requireNonNull(target, "target");
        try {
            return AtomicDownload.write(target, out -> download(name, out));
        } catch (IOException e) {
            throw new InvalidRequestException("target", "cannot write the download to " + target.toAbsolutePath()
                    + ": " + e, e);
        }
    }

    @Override
    public long download(String name, OutputStream out) {
        FileReplies.checkName(name);
        Objects.requireNonNull(out, "out");
        StoredContent content = withHeld(Operation.DOWNLOAD, name, Entry::content);
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new TransportException("writing the download of " + name + " failed: " + e.getMessage(),
                    ErrorDetails.ofAttempts(1), e);
        }
        return content.size();
    }

    @Override
    public CompletableFuture<Long> downloadAsync(String name, Path target) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        return calls.async(() -> download(name, target));
    }

    /** Later calls fail with {@link TransportException}; shuts down the threads the store made. Files are kept. */
    @Override
    public void close() {
        if (!partOfClient) {
            shutdown();
        }
    }

    /** What {@link #close()} does for a fake of its own; a {@link FakeGeminiClient} calls it when it closes. */
    void shutdown() {
        calls.shutdown();
    }

    /** What {@link FakeImageGeneration} needs to resolve a reference: the file as it is now and its bytes. */
    Optional<Map.Entry<StoredFile, byte[]>> lookup(String name) {
        synchronized (lock) {
            dropExpired();
            Entry entry = files.get(name);
            return entry == null ? Optional.empty() : Optional.of(Map.entry(view(entry), entry.content().toByteArray()));
        }
    }

    /**
     * Counts a call of {@code operation} (which may fail it, as scripted) and applies {@code action},
     * under the lock, to the held file {@code name}; a file not held fails as the service fails it.
     */
    private <T> T withHeld(Operation operation, String name, Function<Entry, T> action) {
        calls.begin(operation);
        synchronized (lock) {
            return action.apply(held(name));
        }
    }

    private Entry held(String name) {
        dropExpired();
        Entry entry = files.get(name);
        if (entry == null) {
            throw FileReplies.notFound(name);
        }
        return entry;
    }

    private void dropExpired() {
        Instant now = clock.instant();
        files.values().removeIf(e -> e.file().isExpiredAt(now));
    }

    /** The file as the service would show it now: its state follows the clock. */
    private StoredFile view(Entry entry) {
        StoredFile file = entry.file();
        Instant ready = file.createTime().orElseThrow().plus(processingTime);
        if (clock.instant().isBefore(ready)) {
            return file.toBuilder().state(FileState.PROCESSING).build();
        }
        StoredFile.Builder done = file.toBuilder().updateTime(ready);
        if (entry.failure().isPresent()) {
            return done.state(FileState.FAILED).error(new FileError(3, entry.failure().get())).build();
        }
        return done.state(FileState.ACTIVE).build();
    }

    private StoredFile newFile(Optional<String> name, String mimeType, long size, Sha256 sha256, FileSource source,
            Optional<String> displayName) {
        String id = name.map(n -> n.substring("files/".length())).orElseGet(() -> FileReplies.newId(ids, i -> files.containsKey("files/" + i)));
        Instant now = clock.instant();
        StoredFile.Builder builder = StoredFile.builder("files/" + id, URI.create(FileReplies.FILES_URI_PREFIX + id),
                mimeType, size).createTime(now).updateTime(now).expirationTime(now.plus(RETENTION)).sha256(sha256)
                .source(source);
        displayName.ifPresent(builder::displayName);
        return builder.build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static TransportException closedFailure() {
        return new TransportException("the fake files store was closed", ErrorDetails.ofAttempts(0), null, false);
    }

    @Override
    public String toString() {
        return "FakeFiles[" + names().size() + " files]";
    }

    /** Builds a {@link FakeFiles}. Not thread-safe. */
    public static final class Builder {
        private boolean partOfClient;
        private Clock clock = Clock.systemUTC();
        private Duration processingTime = Duration.ZERO;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Executor executor;
        private long seed = 1;

        private Builder() {
        }

        /** The clock that drives processing and expiry; a {@link FakeClock} makes waits instant. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How long an upload stays {@code PROCESSING} (default zero: {@code ACTIVE} at once). */
        public Builder processingTime(Duration value) {
            this.processingTime = DurationChecks.nonNegative(value, "processingTime");
            return this;
        }

        /** The time between the polls of {@code awaitActive} (default 1 s, as the SDKs poll). */
        public Builder pollInterval(Duration value) {
            this.pollInterval = DurationChecks.positive(value, "pollInterval");
            return this;
        }

        /** Runs async calls on the caller's executor, which {@link FakeFiles#close()} leaves running. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** The seed of the generated file ids (the same seed gives the same ids). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Makes this fake a view of a {@link FakeGeminiClient}: its close() leaves it to the client. */
        Builder partOfClient() {
            this.partOfClient = true;
            return this;
        }
        /** Builds the store. */
        public FakeFiles build() {
            return new FakeFiles(this);
        }
    }
}
