package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputTest {

    @TempDir
    Path dir;

    @Test
    void bytesAreCopiedSoLaterChangesDoNotMatter() throws IOException {
        byte[] png = TestImages.png(2, 2);
        ImageInput input = ImageInput.ofBytes(png);
        png[20] ^= 0x7F;
        assertThat(input.readAllBytes()).isNotEqualTo(png);
        assertThat(input.mediaType()).isEqualTo(MediaType.PNG);
        assertThat(input.sizeBytes()).isEqualTo(png.length);
        assertThat(input.base64Length()).isEqualTo(Base64.getEncoder().encodeToString(png).length());
        assertThat(input.file()).isEmpty();
    }

    @Test
    void ownedBytesAreNotCopied_theInputReadsTheCallersArray() throws IOException {
        byte[] png = TestImages.png(2, 2);
        ImageInput input = ImageInput.ofOwnedBytes(png);
        png[20] ^= 0x7F;   // a change the caller promised not to make shows that no copy was taken
        assertThat(input.readAllBytes()).isEqualTo(png);
        assertThat(input.mediaType()).isEqualTo(MediaType.PNG);
        assertThat(input.sizeBytes()).isEqualTo(png.length);
    }

    @Test
    void ownedBytesAreCheckedLikeCopiedOnes() {
        assertThatThrownBy(() -> ImageInput.ofOwnedBytes(new byte[0]))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageInput.ofOwnedBytes(TestImages.png(2, 2), MediaType.JPEG))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("declared image/jpeg");
    }

    @Test
    void emptyBytesAreRefused() {
        assertThatThrownBy(() -> ImageInput.ofBytes(new byte[0]))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
    }

    @Test
    void unrecognisedBytesAreRefusedNamingTheFormatsAccepted() {
        assertThatThrownBy(() -> ImageInput.ofBytes("GIF89a and more".getBytes()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not a PNG, JPEG, WebP, HEIC or HEIF image");
    }

    @Test
    void aDeclaredTypeMustMatchTheContent() {
        assertThatThrownBy(() -> ImageInput.ofBytes(TestImages.png(1, 1), MediaType.JPEG))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("declared image/jpeg but its content is image/png");
        assertThat(ImageInput.ofBytes(TestImages.jpeg(1, 1), MediaType.JPEG).mediaType()).isEqualTo(MediaType.JPEG);
    }

    @Test
    void aFileIsSniffedNowAndReadOnlyWhenAsked() throws IOException {
        Path file = dir.resolve("cat.jpg");
        byte[] jpeg = TestImages.jpeg(4, 3);
        Files.write(file, jpeg);
        ImageInput input = ImageInput.ofFile(file);
        assertThat(input.mediaType()).isEqualTo(MediaType.JPEG);
        assertThat(input.sizeBytes()).isEqualTo(jpeg.length);
        assertThat(input.file()).contains(file.toAbsolutePath());
        try (InputStream in = input.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(jpeg);
        }
    }

    @Test
    void aFileThatChangedSizeIsNotReadAsIfNothingHappened() throws IOException {
        Path file = dir.resolve("grows.png");
        Files.write(file, TestImages.png(2, 2));
        ImageInput input = ImageInput.ofFile(file);
        Files.write(file, TestImages.png(30, 30));
        assertThatThrownBy(input::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("changed size");
    }

    @Test
    void aMissingEmptyOrForeignFileIsRefused() throws IOException {
        assertThatThrownBy(() -> ImageInput.ofFile(dir.resolve("nope.png")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not exist");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThatThrownBy(() -> ImageInput.ofFile(empty))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
        Path text = Files.writeString(dir.resolve("notes.png"), "this is not an image");
        assertThatThrownBy(() -> ImageInput.ofFile(text))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unrecognised magic bytes");
        assertThatThrownBy(() -> ImageInput.ofFile(dir))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void base64WithADataUriPrefixIsStrippedAndChecked() throws IOException {
        byte[] png = TestImages.png(2, 2);
        String b64 = Base64.getEncoder().encodeToString(png);
        assertThat(ImageInput.ofBase64(b64).readAllBytes()).isEqualTo(png);
        assertThat(ImageInput.ofBase64("data:image/png;base64," + b64).readAllBytes()).isEqualTo(png);
        assertThatThrownBy(() -> ImageInput.ofBase64("data:image/jpeg;base64," + b64))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("declared image/jpeg");
        assertThatThrownBy(() -> ImageInput.ofBase64("data:image/gif;base64," + b64))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("image/gif");
        assertThatThrownBy(() -> ImageInput.ofBase64("data:image/png," + b64))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not base64");
    }

    @Test
    void base64DecodingIsStrict() {
        String b64 = Base64.getEncoder().encodeToString(TestImages.png(2, 2));
        assertThatThrownBy(() -> ImageInput.ofBase64(b64.substring(0, b64.length() - 1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> ImageInput.ofBase64(b64.substring(0, 8) + "\n" + b64.substring(8, b64.length() - 1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("invalid");
        assertThatThrownBy(() -> ImageInput.ofBase64("iVBO*w0K"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("invalid");
        assertThatThrownBy(() -> ImageInput.ofBase64(""))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
    }

    @Test
    void toStringNamesTypeAndSizeButNoContent() {
        assertThat(ImageInput.ofBytes(TestImages.png(1, 1)).toString()).startsWith("ImageInput[image/png, ");
    }
}
