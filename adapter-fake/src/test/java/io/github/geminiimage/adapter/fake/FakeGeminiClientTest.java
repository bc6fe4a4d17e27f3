package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.BatchProgress;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.GeminiClientContract;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The client contract over the fake, and what only one shared store makes possible. */
class FakeGeminiClientTest extends GeminiClientContract {

    @Override
    protected GeminiClient newClient() {
        return FakeGeminiClient.builder().clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"))).build();
    }

    /** The fake runs every async call of its three views on one cached pool, which grows by one when calls overlap. */
    @Override
    protected int extraThreadsAllowed() {
        return 2;
    }

    @Test
    void aFileUploadedThroughFilesIsUsableInAnImagesRequestAndInABatch() {
        try (FakeGeminiClient gemini = (FakeGeminiClient) newClient()) {
            byte[] png = gemini.images().generate(GenerationRequest.builder().prompt("a red bicycle").build())
                    .requireImage().bytes();
            StoredFile photo = gemini.files().upload(FileUpload.fromStream(new ByteArrayInputStream(png), png.length)
                    .mimeType("image/png").build());
            GenerationRequest edit = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("make it blue")
                    .addImage(ImageInput.ofStoredFile(photo)).build();

            assertThat(gemini.images().generate(edit).finalImage()).isPresent();

            BatchJob job = gemini.batches().submit("edits", "gemini-2.5-flash-image", List.of(KeyedRequest.of("k1", edit)),
                    BatchSubmitOptions.via(BatchInputMode.FILE));
            BatchJob done = gemini.batches().await(job.name(), Duration.ofDays(1), BatchProgress.NONE);
            assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
            try (Stream<BatchResult> results = gemini.batches().results(job.name())) {
                assertThat(results).singleElement().satisfies(r -> assertThat(r.isSuccess()).isTrue());
            }
        }
    }
}
