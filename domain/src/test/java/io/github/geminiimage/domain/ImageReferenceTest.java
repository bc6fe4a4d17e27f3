package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileError;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static final URI FILES_URI = URI.create("https://generativelanguage.googleapis.com/v1beta/files/4if4o2bqvugf");

    private static StoredFile stored(String mimeType, FileState state) {
        return StoredFile.builder("files/4if4o2bqvugf", FILES_URI, mimeType, 1234).state(state).build();
    }

    @Test
    void aStoredFileNameBecomesItsFilesApiUri() {
        ImageInput input = ImageInput.ofStoredFile("files/4if4o2bqvugf", MediaType.JPEG);

        assertThat(input.isReference()).isTrue();
        assertThat(input.uri()).contains(FILES_URI);
        assertThat(input.mediaType()).isEqualTo(MediaType.JPEG);
        assertThat(input.sizeBytes()).isZero();
        assertThat(input.file()).isEmpty();
    }

    @Test
    void aStoredFileValueGivesItsUriAndType() {
        ImageInput input = ImageInput.ofStoredFile(stored("image/png", FileState.ACTIVE));

        assertThat(input.uri()).contains(FILES_URI);
        assertThat(input.mediaType()).isEqualTo(MediaType.PNG);
    }

    @Test
    void aStoredFileThatIsNotAnImageIsRefused() {
        assertThatThrownBy(() -> ImageInput.ofStoredFile(stored("video/mp4", FileState.ACTIVE)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("images"))
                .hasMessageContaining("video/mp4").hasMessageContaining("image/png");
    }

    @Test
    void aStoredFileThatFailedIsRefusedWithItsReason() {
        StoredFile failed = stored("image/png", FileState.FAILED).toBuilder().error(new FileError(3, "bad pixels")).build();

        assertThatThrownBy(() -> ImageInput.ofStoredFile(failed)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("FAILED").hasMessageContaining("bad pixels");
    }

    @Test
    void httpsAndGsUrisAreAccepted() {
        assertThat(ImageInput.ofUri(URI.create("https://cdn.example.com/p.png"), MediaType.PNG).uri()).isPresent();
        assertThat(ImageInput.ofUri(URI.create("gs://bucket/dir/p.webp"), MediaType.WEBP).uri()).isPresent();
    }

    @Test
    void otherSchemesAndIncompleteUrisAreRefusedNamingWhatIsAccepted() {
        for (String uri : new String[] {"http://example.com/p.png", "file:///tmp/p.png", "ftp://h/p.png", "gs://bucket",
                "gs://bucket/", "https:///p.png", "files/abc", "https://user:pw@example.com/p.png"}) {
            assertThatThrownBy(() -> ImageInput.ofUri(URI.create(uri), MediaType.PNG)).as(uri)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("images"))
                    .hasMessageNotContaining("pw");
        }
    }

    @Test
    void aMalformedFilesNameIsRefused() {
        for (String name : new String[] {"abc", "files/", "files/a/b", "files/../x", "models/abc"}) {
            assertThatThrownBy(() -> ImageInput.ofStoredFile(name, MediaType.PNG)).as(name)
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("files/");
        }
    }

    @Test
    void aPreSignedUrlsQueryNeverAppearsInTextOrErrors() {
        ImageInput input = ImageInput.ofUri(URI.create("https://bucket.s3.amazonaws.com/p.png?X-Amz-Signature=SECRET"), MediaType.PNG);

        assertThat(input.toString()).doesNotContain("SECRET").contains("bucket.s3.amazonaws.com/p.png");
        assertThatThrownBy(input::openStream).isInstanceOf(IOException.class).hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> ImageInput.ofUri(URI.create("http://h/p.png?sig=SECRET"), MediaType.PNG))
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void referencesCountTowardsTheImageLimitButNotTheByteLimits() {
        GenerationRequest.Builder builder = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("combine");
        int limit = ModelFamily.GEMINI_2_5_FLASH_IMAGE.maxInputImages();
        for (int i = 0; i < limit; i++) {
            builder.addImage(ImageInput.ofStoredFile("files/f" + i, MediaType.PNG));
        }
        assertThat(builder.build().images()).hasSize(limit);

        builder.addImage(ImageInput.ofUri(URI.create("gs://b/one-too-many.png"), MediaType.PNG));
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).contains("images"));
    }

    @Test
    void aReferenceMustBeATypeTheModelReads() {
        ModelFamily family = ModelFamily.GEMINI_2_5_FLASH_IMAGE;
        for (MediaType type : MediaType.values()) {
            GenerationRequest.Builder builder = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("edit")
                    .addImage(ImageInput.ofStoredFile("files/abc", type));
            if (family.inputTypes().contains(type)) {
                assertThat(builder.build().images()).hasSize(1);
            } else {
                assertThatThrownBy(builder::build).isInstanceOf(InvalidRequestException.class).hasMessageContaining(type.mimeType());
            }
        }
    }
}
