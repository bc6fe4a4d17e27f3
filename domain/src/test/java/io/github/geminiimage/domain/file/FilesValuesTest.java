package io.github.geminiimage.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesValuesTest {

    @TempDir
    Path dir;

    @Test
    void theRecordedSha256HashIsBase64OfTheHexDigest() {
        // Test vector 20: sha256Hash of a 64,657,027-byte video.
        Sha256 digest = Sha256.fromFilesApi("Zjc4ZjM5NjAzZTY3NzQ5MDdmMmZhYWZhYmYyNmE2NjdmNGE2ZmMzMTc2OWVjMzA0YThhOGY3YzYyZDI4MDUwOA==");

        assertThat(digest.hex()).isEqualTo("f78f39603e6774907f2faafabf26a667f4a6fc31769ec304a8a8f7c62d280508");
        assertThat(digest.bytes()).hasSize(32);
        assertThat(digest.toFilesApi()).isEqualTo("Zjc4ZjM5NjAzZTY3NzQ5MDdmMmZhYWZhYmYyNmE2NjdmNGE2ZmMzMTc2OWVjMzA0YThhOGY3YzYyZDI4MDUwOA==");
    }

    @Test
    void aSha256HashOfTheRawDigestIsReadToo() {
        Sha256 digest = Sha256.of("abc".getBytes(StandardCharsets.US_ASCII));
        String raw = java.util.Base64.getEncoder().encodeToString(digest.bytes());

        assertThat(Sha256.fromFilesApi(raw)).isEqualTo(digest);
        assertThat(digest.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aSha256HashOfAnotherLengthIsRefused() {
        assertThatThrownBy(() -> Sha256.fromFilesApi("YWJj")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes");
    }

    @Test
    void unknownFileStatesAreKeptOpen() {
        assertThat(FileState.of("ACTIVE")).isSameAs(FileState.ACTIVE);
        assertThat(FileState.of("ARCHIVED").isKnown()).isFalse();
        assertThat(FileState.of("ARCHIVED").value()).isEqualTo("ARCHIVED");
    }

    @Test
    void aFileUploadReadsSizeAndSniffsTheImageType() throws IOException {
        Path png = Files.write(dir.resolve("shot"), TestImages.png(3, 3));

        FileUpload upload = FileUpload.fromFile(png).displayName("Shot").name("my-shot-1").build();

        assertThat(upload.sizeBytes()).isEqualTo(Files.size(png));
        assertThat(upload.mimeType()).isEqualTo("image/png");
        assertThat(upload.name()).contains("files/my-shot-1");
        assertThat(upload.file()).contains(png.toAbsolutePath());
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("nope.png");

        assertThatThrownBy(() -> FileUpload.fromFile(missing).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("file"))
                .hasMessageContaining("nope.png").hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyFileOrDirectoryIsRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));

        assertThatThrownBy(() -> FileUpload.fromFile(empty).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("sizeBytes"))
                .hasMessageContaining("0 bytes").hasMessageContaining(Long.toString(FileUpload.MAX_SIZE_BYTES));
        assertThatThrownBy(() -> FileUpload.fromFile(dir).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void aStreamAboveTwoGigabytesIsRefusedBeforeReading() {
        ByteArrayInputStream never = new ByteArrayInputStream(new byte[0]);

        assertThatThrownBy(() -> FileUpload.fromStream(never, FileUpload.MAX_SIZE_BYTES + 1).mimeType("video/mp4").build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("sizeBytes"))
                .hasMessageContaining(Long.toString(FileUpload.MAX_SIZE_BYTES + 1)).hasMessageContaining("2 GB");
        assertThat(never.available()).isZero();
    }

    @Test
    void aStreamNeedsAMimeTypeAndAWellFormedOne() {
        assertThatThrownBy(() -> FileUpload.fromStream(new ByteArrayInputStream(new byte[1]), 1).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("mimeType"));
        assertThatThrownBy(() -> FileUpload.fromStream(new ByteArrayInputStream(new byte[1]), 1).mimeType("jsonl").build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("mimeType"));
    }

    @Test
    void aStreamCanBeOpenedOnce() throws IOException {
        FileUpload upload = FileUpload.fromStream(new ByteArrayInputStream(new byte[] {1}), 1).mimeType("text/plain").build();

        upload.openStream().close();
        assertThatThrownBy(upload::openStream).isInstanceOf(IOException.class).hasMessageContaining("once");
    }

    @Test
    void displayNamesAndResourceNamesAreChecked() {
        FileUpload.Builder builder = FileUpload.fromStream(new ByteArrayInputStream(new byte[1]), 1).mimeType("text/plain");

        assertThatThrownBy(() -> builder.displayName("x".repeat(513)).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("displayName"))
                .hasMessageContaining("512");
        for (String name : new String[] {"-lead", "trail-", "UPPER", "a".repeat(41), "files/a_b"}) {
            assertThatThrownBy(() -> FileUpload.fromStream(new ByteArrayInputStream(new byte[1]), 1).mimeType("text/plain")
                    .name(name).build()).as(name)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("name"));
        }
    }
}
