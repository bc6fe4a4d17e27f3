package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the fake Files API store does beyond the port contract: time, scripting, and references from generate. */
class FakeFilesTest {

    private final FakeClock clock = FakeClock.at(Instant.parse("2026-03-01T10:00:00Z"));

    private static FileUpload image(byte[] bytes) {
        return FileUpload.fromStream(new ByteArrayInputStream(bytes), bytes.length).mimeType(MediaType.PNG).build();
    }

    private static GenerationRequest edit(ImageInput input) {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("Add a hat").addImage(input).build();
    }

    @Test
    void aFileExpiresFortyEightHoursAfterItWasCreated() {
        try (FakeFiles files = FakeFiles.builder().clock(clock).build()) {
            StoredFile stored = files.upload(image(TestImages.png(4, 4)));

            assertThat(stored.expirationTime()).contains(Instant.parse("2026-03-03T10:00:00Z"));
            clock.advance(Duration.ofHours(48).minusSeconds(1));
            assertThat(files.get(stored.name()).state()).isEqualTo(FileState.ACTIVE);
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> files.get(stored.name())).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("403").hasMessageContaining("or it may not exist");
            assertThat(files.names()).isEmpty();
        }
    }

    @Test
    void aFileIsProcessingUntilItsProcessingTimeHasPassedOnTheClock() {
        try (FakeFiles files = FakeFiles.builder().clock(clock).processingTime(Duration.ofSeconds(10)).build()) {
            StoredFile stored = files.upload(image(TestImages.png(4, 4)));

            assertThat(stored.state()).isEqualTo(FileState.PROCESSING);
            clock.advance(Duration.ofSeconds(10));
            StoredFile active = files.get(stored.name());
            assertThat(active.state()).isEqualTo(FileState.ACTIVE);
            assertThat(active.updateTime()).contains(Instant.parse("2026-03-01T10:00:10Z"));
        }
    }

    @Test
    void aScriptedFailureHitsOnlyTheNextCallOfItsOperationAndAFailedUploadStoresNothing() {
        try (FakeFiles files = FakeFiles.create()) {
            files.failNext(FakeFiles.Operation.UPLOAD, () -> new RateLimitedException("HTTP 429 RESOURCE_EXHAUSTED: storage quota",
                    ErrorDetails.ofAttempts(1), Optional.empty(), QuotaScope.PER_DAY));

            assertThatThrownBy(() -> files.upload(image(TestImages.png(4, 4)))).isInstanceOf(RateLimitedException.class);
            assertThat(files.names()).isEmpty();
            StoredFile stored = files.upload(image(TestImages.png(4, 4)));
            assertThat(files.names()).containsExactly(stored.name());
        }
    }

    @Test
    void aRequestedNameIsUsedAndATakenOneRefused() {
        try (FakeFiles files = FakeFiles.create()) {
            FileUpload named = FileUpload.fromStream(new ByteArrayInputStream(new byte[] {1, 2}), 2).mimeType("text/plain")
                    .name("my-notes").build();
            assertThat(files.upload(named).name()).isEqualTo("files/my-notes");

            FileUpload again = FileUpload.fromStream(new ByteArrayInputStream(new byte[] {1, 2}), 2).mimeType("text/plain")
                    .name("files/my-notes").build();
            assertThatThrownBy(() -> files.upload(again)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("409");
        }
    }

    @Test
    void generateReadsAReferenceToAFileTheStoreHolds() {
        byte[] png = TestImages.png(40, 30);
        try (FakeFiles files = FakeFiles.create();
                FakeImageGeneration fake = FakeImageGeneration.builder().files(files).build()) {
            StoredFile stored = files.upload(image(png));

            GenerationResult byReference = fake.generate(edit(ImageInput.ofStoredFile(stored)));
            GenerationResult inline = fake.generate(edit(ImageInput.ofBytes(png)));

            assertThat(byReference.outcome()).isEqualTo(Outcome.IMAGE);
            // The same bytes shape the same answer, whether sent inline or by reference.
            assertThat(byReference.requireImage().bytes()).isEqualTo(inline.requireImage().bytes());
        }
    }

    @Test
    void generateAnswersAReferenceToAFileNotHeldAsTheServiceDoes() {
        try (FakeFiles files = FakeFiles.create();
                FakeImageGeneration fake = FakeImageGeneration.builder().files(files).build()) {
            GenerationRequest request = edit(ImageInput.ofStoredFile("files/gone123", MediaType.PNG));

            assertThatThrownBy(() -> fake.generate(request)).isInstanceOfSatisfying(PermissionDeniedException.class,
                    e -> assertThat(e.serverStatus()).contains("PERMISSION_DENIED")).hasMessageContaining("gone123");
            assertThatThrownBy(() -> FakeImageGeneration.create().generate(request)).isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    void generateRefusesAFileThatIsStillProcessing() {
        try (FakeFiles files = FakeFiles.builder().clock(clock).processingTime(Duration.ofMinutes(1)).build();
                FakeImageGeneration fake = FakeImageGeneration.builder().files(files).build()) {
            StoredFile stored = files.upload(image(TestImages.png(4, 4)));

            assertThatThrownBy(() -> fake.generate(edit(ImageInput.ofStoredFile(stored))))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.serverStatus()).contains("FAILED_PRECONDITION"))
                    .hasMessageContaining("not in an ACTIVE state");
        }
    }

    @Test
    void generateFetchesOnlyUrlsItWasGiven() {
        URI known = URI.create("https://cdn.example.com/cat.png");
        try (FakeImageGeneration fake = FakeImageGeneration.builder().urlContent(known, TestImages.png(8, 8)).build()) {
            assertThat(fake.generate(edit(ImageInput.ofUri(known, MediaType.PNG))).outcome()).isEqualTo(Outcome.IMAGE);

            assertThatThrownBy(() -> fake.generate(edit(ImageInput.ofUri(URI.create("gs://bucket/cat.png"), MediaType.PNG))))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("400");
            assertThatThrownBy(() -> fake.generate(edit(ImageInput.ofUri(known, MediaType.JPEG))))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Unable to process input image");
        }
    }

    @Test
    void listingPagesAtMostThePageSizeInUploadOrder() {
        try (FakeFiles files = FakeFiles.create()) {
            String first = files.upload(image(TestImages.png(2, 2))).name();
            String second = files.upload(image(TestImages.png(2, 3))).name();
            String third = files.upload(image(TestImages.png(3, 2))).name();

            var page = files.listPage(2, Optional.empty());
            assertThat(page.files()).extracting(StoredFile::name).containsExactly(first, second);
            assertThat(files.listPage(2, page.nextPageToken()).files()).extracting(StoredFile::name).containsExactly(third);
            assertThat(files.listPage(2, page.nextPageToken()).nextPageToken()).isEmpty();
            assertThatThrownBy(() -> files.listPage(2, Optional.of("forged"))).isInstanceOf(InvalidRequestException.class);
        }
    }
}
