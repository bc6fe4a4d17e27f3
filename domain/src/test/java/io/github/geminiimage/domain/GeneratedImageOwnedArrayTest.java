package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image handed over as the first bytes of a longer array behaves exactly like an exact one. */
class GeneratedImageOwnedArrayTest {

    private static final byte[] PNG_1X1 = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGMwTjsDAAI1AWaKkkQyAAAAAElFTkSuQmCC");

    private static GeneratedImage withSlack() {
        byte[] longer = Arrays.copyOf(PNG_1X1, PNG_1X1.length + 100);
        Arrays.fill(longer, PNG_1X1.length, longer.length, (byte) 7);
        return GeneratedImage.ofOwnedBytes("image/png", longer, PNG_1X1.length);
    }

    @Test
    void onlyTheImageBytesAreSeen() throws IOException {
        GeneratedImage image = withSlack();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image.writeTo(out);

        assertThat(image.size()).isEqualTo(PNG_1X1.length);
        assertThat(image.bytes()).isEqualTo(PNG_1X1);
        assertThat(image.openStream().readAllBytes()).isEqualTo(PNG_1X1);
        assertThat(out.toByteArray()).isEqualTo(PNG_1X1);
        assertThat(image.pixelSize()).contains(new PixelSize(1, 1));
        assertThat(image.toString()).contains(PNG_1X1.length + " bytes");
    }

    @Test
    void itEqualsTheSameImageInAnExactArray() {
        GeneratedImage exact = GeneratedImage.of("image/png", PNG_1X1);

        assertThat(withSlack()).isEqualTo(exact).hasSameHashCodeAs(exact);
    }

    @Test
    void itBecomesAnInputOfExactlyItsBytes() throws IOException {
        ImageInput input = withSlack().asInput();

        assertThat(input.sizeBytes()).isEqualTo(PNG_1X1.length);
        assertThat(input.readAllBytes()).isEqualTo(PNG_1X1);
        assertThat(input.mediaType()).isEqualTo(MediaType.PNG);
    }

    @Test
    void itIsWrittenToAFileWithoutTheSlack(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.png");
        withSlack().writeTo(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(PNG_1X1);
    }

    @Test
    void aLengthOutsideTheArrayIsRefused() {
        assertThatThrownBy(() -> GeneratedImage.ofOwnedBytes("image/png", new byte[3], 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 4");
        assertThatThrownBy(() -> GeneratedImage.ofOwnedBytes("image/png", new byte[3], -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeaderCutByTheLengthGivesNoPixelSize() {
        GeneratedImage cut = GeneratedImage.ofOwnedBytes("image/png", PNG_1X1.clone(), 20);

        assertThat(cut.pixelSize()).isEmpty();
    }
}
