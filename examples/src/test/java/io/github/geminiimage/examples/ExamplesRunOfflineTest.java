package io.github.geminiimage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each example's work, run against the fake: what the README shows does what it says, offline. */
@Timeout(60)
class ExamplesRunOfflineTest {

    @TempDir
    Path dir;

    @Test
    void editImageWritesTheEditedPicture() throws IOException {
        Path out = dir.resolve("cat-wizard.png");
        try (FakeImageGeneration images = FakeImageGeneration.create()) {
            EditImage.addWizardHat(images, Path.of("..", "samples", "cat.png"), out);

            images.assertRequestCount(1).assertLastRequest().hasImageCount(1).hasPromptContaining("wizard hat");
        }
        byte[] png = Files.readAllBytes(out);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void editImageWithoutTheKeySaysHowToSetIt() {
        assumeTrue(System.getenv("GEMINI_API_KEY") == null, "GEMINI_API_KEY is set here");

        assertThatThrownBy(() -> EditImage.main(new String[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("GEMINI_API_KEY is not set: export it");
    }

    @Test
    void batchImagesWithoutTheKeySaysHowToSetIt() {
        assumeTrue(System.getenv("GEMINI_API_KEY") == null, "GEMINI_API_KEY is set here");

        assertThatThrownBy(() -> BatchImages.main(new String[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("GEMINI_API_KEY is not set: export it");
    }

    @Test
    void batchImagesSavesOneImagePerKey() {
        try (FakeBatches batches = FakeBatches.builder().clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"))).build()) {
            BatchSaveSummary saved = BatchImages.mugs(batches, dir);

            assertThat(saved.written()).isEqualTo(2);
            assertThat(saved.failed()).isZero();
        }
        assertThat(dir.resolve("sku-1.png")).exists();
        assertThat(dir.resolve("sku-2.png")).exists();
    }

    @Test
    void logCallsBuildsAPortWithTheLoggingObserver() {
        try (ImageGenerationPort port = LogCalls.loggingPort("AIzaExampleKeyNeverSent")) {
            assertThat(port).isNotNull();
        }
    }

    @Test
    void theThumbnailerGetsTheFakesImage() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            assertThat(new Thumbnailer(fake).make("a red apple").pixelSize()).contains(new PixelSize(1024, 1024));
        }
    }
}
