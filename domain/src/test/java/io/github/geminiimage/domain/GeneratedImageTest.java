package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedImageTest {

    @TempDir
    Path dir;

    @Test
    void readsThePixelSizeOfPngJpegAndWebpHeaders() {
        assertThat(GeneratedImage.of("image/png", TestImages.png(7, 5)).pixelSize()).contains(new PixelSize(7, 5));
        assertThat(GeneratedImage.of("image/jpeg", TestImages.jpeg(9, 4)).pixelSize()).contains(new PixelSize(9, 4));
        assertThat(GeneratedImage.of("image/webp", TestImages.webpLossless(300, 200)).pixelSize()).contains(new PixelSize(300, 200));
        assertThat(GeneratedImage.of("image/webp", TestImages.webpExtended(4096, 2160)).pixelSize()).contains(new PixelSize(4096, 2160));
        assertThat(GeneratedImage.of("image/webp", TestImages.webpLossy(640, 480)).pixelSize()).contains(new PixelSize(640, 480));
    }

    @Test
    void aBrokenOrUnknownHeaderHasNoPixelSize() {
        byte[] png = TestImages.png(2, 2);
        assertThat(GeneratedImage.of("image/png", java.util.Arrays.copyOf(png, 12)).pixelSize()).isEmpty();
        assertThat(GeneratedImage.of("image/gif", "GIF89a".getBytes()).pixelSize()).isEmpty();
        assertThat(GeneratedImage.of("image/heic", TestImages.isoBmff("heic")).pixelSize()).isEmpty();
        byte[] jpegWithoutFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 0, 0, 0, 0, 0, 0};
        assertThat(GeneratedImage.of("image/jpeg", jpegWithoutFrame).pixelSize()).isEmpty();
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] png = TestImages.png(2, 2);
        GeneratedImage image = GeneratedImage.of("image/png", png);
        png[0] = 0;
        image.bytes()[1] = 0;
        assertThat(image.bytes()[0]).isEqualTo((byte) 0x89);
        assertThat(image.bytes()[1]).isEqualTo((byte) 'P');
        assertThat(image.mediaType()).contains(MediaType.PNG);
        assertThat(image).isEqualTo(GeneratedImage.of("image/png", TestImages.png(2, 2)));
    }

    @Test
    void writeToReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.png");
        Files.writeString(target, "old");
        GeneratedImage image = GeneratedImage.of("image/png", TestImages.png(3, 3));
        image.writeTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(image.bytes());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void writeToNewFileNeverReplacesAnExistingFile() throws IOException {
        Path target = dir.resolve("keep.png");
        Files.writeString(target, "precious");
        GeneratedImage image = GeneratedImage.of("image/png", TestImages.png(3, 3));
        assertThatThrownBy(() -> image.writeToNewFile(target)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(target)).isEqualTo("precious");
        Path fresh = dir.resolve("fresh.png");
        image.writeToNewFile(fresh);
        assertThat(Files.readAllBytes(fresh)).isEqualTo(image.bytes());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, fresh);
        }
    }

    @Test
    void aWrittenImageGetsTheUsualPermissionsNotThoseOfAPrivateTemporaryFile() throws IOException {
        Path target = dir.resolve("shared.png");
        GeneratedImage.of("image/png", TestImages.png(2, 2)).writeToNewFile(target);
        Path reference = Files.createFile(dir.resolve("reference.txt"));
        java.nio.file.attribute.PosixFileAttributeView view =
                Files.getFileAttributeView(target, java.nio.file.attribute.PosixFileAttributeView.class);
        org.junit.jupiter.api.Assumptions.assumeTrue(view != null, "POSIX permissions only");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        Path target = dir.resolve("missing-folder").resolve("out.png");
        GeneratedImage image = GeneratedImage.of("image/png", TestImages.png(3, 3));
        assertThatThrownBy(() -> image.writeTo(target)).isInstanceOf(IOException.class);
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void canBeReplayedAsAnInput() throws IOException {
        byte[] jpeg = TestImages.jpeg(3, 3);
        ImageInput input = GeneratedImage.of("image/jpeg", jpeg).asInput();
        assertThat(input.mediaType()).isEqualTo(MediaType.JPEG);
        assertThat(input.readAllBytes()).isEqualTo(jpeg);
    }
}
