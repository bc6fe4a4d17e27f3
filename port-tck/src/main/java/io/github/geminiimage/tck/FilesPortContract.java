package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FilesPort} must do, whatever moves the bytes: the fake's in-memory store, and
 * every HTTP transport against a loopback Files API. A subclass supplies a {@link FilesFixture}; the
 * suite checks the upload / get / list / delete / awaitActive / download round trip byte for byte,
 * lazy paging, the typed failures, async against sync, and closing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class FilesPortContract {

    /** Makes stores; each port it returns is closed after the test that asked for it. */
    public interface FilesFixture {

        /** An empty store whose uploads are {@code ACTIVE} at once (as images are). */
        FilesPort emptyStore();

        /**
         * An empty store whose uploads are {@code PROCESSING} for the next {@code polls} reads of
         * {@code awaitActive} (or time that many poll intervals stand for), then {@code ACTIVE}.
         */
        FilesPort storeProcessingFor(int polls);

        /** An empty store whose uploads stay {@code PROCESSING} and never finish. */
        FilesPort storeNeverFinishingProcessing();

        /** An empty store whose uploads end {@code FAILED} with {@code message} as the reason. */
        FilesPort storeFailingProcessing(String message);
    }

    /** Content that spans more than one 8 MiB chunk of the resumable protocol. */
    protected static final int LARGE_BYTES = 8 * 1024 * 1024 + 4099;

    @TempDir
    protected Path dir;

    private final List<FilesPort> ports = new ArrayList<>();

    /** The fixture for this suite. */
    protected abstract FilesFixture fixture();

    @AfterEach
    void closePorts() {
        ports.forEach(FilesPort::close);
    }

    private FilesPort track(FilesPort port) {
        ports.add(port);
        return port;
    }

    private FilesPort store() {
        return track(fixture().emptyStore());
    }

    /** Deterministic pseudo-random content. */
    protected static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static FileUpload upload(byte[] bytes) {
        return FileUpload.fromStream(new ByteArrayInputStream(bytes), bytes.length).mimeType("application/octet-stream").build();
    }

    @Test
    void anUploadedFileIsStoredWithItsSizeTypeDigestAndExpiry() throws IOException {
        byte[] bytes = content(70_000, 1);
        Path path = file("product.bin", bytes);
        FilesPort files = store();

        StoredFile stored = files.upload(FileUpload.fromFile(path).mimeType("image/png").displayName("Product shot").build());

        assertThat(stored.name()).startsWith("files/");
        assertThat(stored.uri().toString()).endsWith("/files/" + stored.id());
        assertThat(stored.mimeType()).isEqualTo("image/png");
        assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
        assertThat(stored.state()).isEqualTo(FileState.ACTIVE);
        assertThat(stored.displayName()).contains("Product shot");
        assertThat(stored.sha256()).contains(Sha256.of(bytes));
        assertThat(stored.createTime()).isPresent();
        assertThat(stored.expirationTime()).isPresent();
        assertThat(Duration.between(stored.createTime().get(), stored.expirationTime().get()))
                .isBetween(Duration.ofHours(47), Duration.ofHours(49));
        assertThat(files.get(stored.name())).isEqualTo(stored);
    }

    @Test
    void aFileSpanningSeveralChunksComesBackByteIdentical() throws IOException {
        byte[] bytes = content(LARGE_BYTES, 2);
        FilesPort files = store();

        StoredFile stored = files.upload(FileUpload.fromFile(file("large.bin", bytes)).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = files.download(stored.name(), out);

        assertThat(written).isEqualTo(bytes.length);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(stored.sha256()).contains(Sha256.of(bytes));
    }

    @Test
    void aStreamUploadIsStoredAsSent() {
        byte[] bytes = content(12_345, 3);
        FilesPort files = store();

        StoredFile stored = files.upload(upload(bytes));

        assertThat(stored.sizeBytes()).isEqualTo(bytes.length);
        assertThat(stored.sha256()).contains(Sha256.of(bytes));
    }

    @Test
    void progressStartsAtZeroRisesAndEndsAtTheTotal() throws IOException {
        byte[] bytes = content(LARGE_BYTES, 4);
        List<long[]> reports = new ArrayList<>();
        FilesPort files = store();

        files.upload(FileUpload.fromFile(file("p.bin", bytes)).build(), (sent, total) -> reports.add(new long[] {sent, total}));

        assertThat(reports).isNotEmpty();
        assertThat(reports.get(0)[0]).isZero();
        assertThat(reports.get(reports.size() - 1)[0]).isEqualTo(bytes.length);
        for (int i = 0; i < reports.size(); i++) {
            assertThat(reports.get(i)[1]).isEqualTo(bytes.length);
            if (i > 0) {
                assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
            }
        }
    }

    @Test
    void aProgressCallbackThatThrowsDoesNotBreakTheUpload() {
        FilesPort files = store();

        StoredFile stored = files.upload(upload(content(100, 5)), (sent, total) -> {
            throw new IllegalStateException("a broken progress bar");
        });

        assertThat(stored.sizeBytes()).isEqualTo(100);
    }

    @Test
    void aStreamShorterThanDeclaredFailsAndStoresNothing() {
        FilesPort files = store();
        FileUpload shortStream = FileUpload.fromStream(new ByteArrayInputStream(new byte[50]), 100).mimeType("text/plain").build();

        assertThatThrownBy(() -> files.upload(shortStream)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("100");
        assertThat(files.list().toList()).isEmpty();
    }

    @Test
    void listingFollowsEveryPage() {
        FilesPort files = store();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(files.upload(upload(content(10 + i, 10 + i))).name());
        }

        FilePage first = files.listPage(2, Optional.empty());

        assertThat(first.files()).hasSize(2);
        assertThat(first.nextPageToken()).isPresent();
        assertThat(files.list(2).map(StoredFile::name).toList()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(files.list().map(StoredFile::name).toList()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void listingFetchesTheNextPageOnlyWhenNeeded() {
        FilesPort files = store();
        for (int i = 0; i < 5; i++) {
            files.upload(upload(content(10 + i, 20 + i)));
        }
        AtomicInteger pages = new AtomicInteger();
        FilesPort counting = new CountingPages(files, pages);

        assertThat(counting.list(2).findFirst()).isPresent();
        assertThat(pages).hasValue(1);
        assertThat(counting.list(2).count()).isEqualTo(5);
        assertThat(pages).hasValue(4);
    }

    @Test
    void aPageSizeOutOfRangeIsRefusedBeforeSending() {
        FilesPort files = store();

        for (int size : new int[] {0, 101}) {
            assertThatThrownBy(() -> files.listPage(size, Optional.empty())).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.field()).contains("pageSize"));
        }
    }

    @Test
    void aDeletedFileIsGone() {
        FilesPort files = store();
        StoredFile stored = files.upload(upload(content(64, 6)));

        files.delete(stored.name());

        assertThat(files.list().toList()).isEmpty();
        assertMissing(() -> files.get(stored.name()), stored);
        assertMissing(() -> files.delete(stored.name()), stored);
        assertMissing(() -> files.download(stored.name(), new ByteArrayOutputStream()), stored);
    }

    @Test
    void aFileThatNeverExistedFailsTyped() {
        FilesPort files = store();

        assertThatThrownBy(() -> files.get("files/doesnotexist42")).isInstanceOfAny(PermissionDeniedException.class,
                NotFoundException.class).hasMessageContaining("doesnotexist42");
    }

    private static void assertMissing(Runnable call, StoredFile file) {
        assertThatThrownBy(call::run).isInstanceOfAny(PermissionDeniedException.class, NotFoundException.class)
                .hasMessageContaining(file.id());
    }

    @Test
    void aMalformedNameIsRefusedBeforeSending() {
        FilesPort files = store();

        for (String name : List.of("abc", "files/", "files/../models", "files/a?b", "files/a/b")) {
            assertThatThrownBy(() -> files.get(name)).as(name).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.field()).contains("name"));
        }
    }

    @Test
    void awaitActiveReturnsTheFileOnceProcessed() {
        FilesPort files = track(fixture().storeProcessingFor(3));
        StoredFile stored = files.upload(upload(content(99, 7)));

        assertThat(stored.state()).isEqualTo(FileState.PROCESSING);
        StoredFile active = files.awaitActive(stored.name(), Duration.ofMinutes(5));

        assertThat(active.state()).isEqualTo(FileState.ACTIVE);
        assertThat(active.name()).isEqualTo(stored.name());
    }

    @Test
    void awaitActiveReportsAFileThatFailedWithTheServersReason() {
        FilesPort files = track(fixture().storeFailingProcessing("Unsupported video codec"));
        StoredFile stored = files.upload(upload(content(99, 8)));

        assertThatThrownBy(() -> files.awaitActive(stored.name(), Duration.ofMinutes(5)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(stored.name())
                .hasMessageContaining("FAILED").hasMessageContaining("Unsupported video codec");
    }

    @Test
    void awaitActiveGivesUpAtTheDeadline() {
        FilesPort files = track(fixture().storeNeverFinishingProcessing());
        StoredFile stored = files.upload(upload(content(99, 9)));

        assertThatThrownBy(() -> files.awaitActive(stored.name(), Duration.ofSeconds(3)))
                .isInstanceOf(GenerationTimeoutException.class).hasMessageContaining(stored.name());
    }

    @Test
    void downloadToAPathReplacesTheTargetOnlyOnSuccess() throws IOException {
        FilesPort files = store();
        byte[] bytes = content(5000, 11);
        StoredFile stored = files.upload(upload(bytes));
        Path target = file("result.bin", new byte[] {1, 2, 3});

        assertThat(files.download(stored.name(), target)).isEqualTo(bytes.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);

        files.delete(stored.name());
        assertThatThrownBy(() -> files.download(stored.name(), target)).isInstanceOf(ImageGenerationException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("result.bin");
        }
    }

    @Test
    void asyncCallsCompleteAsTheSyncOnesReturn() throws Exception {
        FilesPort files = store();
        byte[] bytes = content(3000, 12);

        StoredFile stored = files.uploadAsync(upload(bytes), (s, t) -> { }).get(30, TimeUnit.SECONDS);
        assertThat(files.getAsync(stored.name()).get(30, TimeUnit.SECONDS)).isEqualTo(stored);
        assertThat(files.listPageAsync(10, Optional.empty()).get(30, TimeUnit.SECONDS).files()).containsExactly(stored);
        assertThat(files.awaitActiveAsync(stored.name(), Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS)).isEqualTo(stored);
        Path target = dir.resolve("async.bin");
        assertThat(files.downloadAsync(stored.name(), target).get(30, TimeUnit.SECONDS)).isEqualTo(bytes.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        files.deleteAsync(stored.name()).get(30, TimeUnit.SECONDS);

        CompletableFuture<StoredFile> missing = files.getAsync(stored.name());
        assertThatThrownBy(() -> missing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfAny(PermissionDeniedException.class, NotFoundException.class);
    }

    @Test
    void callsAfterCloseFailAndClosingTwiceIsHarmless() {
        FilesPort files = store();
        files.close();
        files.close();

        assertThatThrownBy(() -> files.get("files/abc")).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> files.upload(upload(content(10, 13)))).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> files.getAsync("files/abc").get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ImageGenerationException.class);
    }

    @Test
    void nullArgumentsAreNullPointerExceptions() {
        FilesPort files = store();

        assertThatThrownBy(() -> files.upload(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> files.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> files.delete(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> files.listPage(10, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> files.awaitActive("files/abc", null)).isInstanceOf(NullPointerException.class);
    }
}
