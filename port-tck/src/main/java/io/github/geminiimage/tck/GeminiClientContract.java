package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.GeminiClient;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link GeminiClient} does: its three ports are views of it (the same object on every
 * call, sharing what the client owns), a view's {@code close()} leaves the client and its siblings
 * open, the client's {@code close()} ends them all and leaves none of its threads alive, and using
 * the files and batch views starts at most one thread more than image generation alone. A subclass
 * supplies the client; its files view must answer (an empty store), its images and batches views
 * may answer with errors (the thread checks only count what a call starts).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class GeminiClientContract {

    /** A new client over the backend under test. */
    protected abstract GeminiClient newClient();

    /**
     * How many more threads than images alone a client may start when all three views are used (1).
     * A client whose async calls share one cached pool may show one more when a call's thread has
     * not gone back to the pool before the next call starts.
     */
    protected int extraThreadsAllowed() {
        return 1;
    }

    /** Threads of the suite's environment (its servers) to leave out of the thread counts. */
    protected boolean isIgnoredThread(Thread thread) {
        return false;
    }

    @Test
    void eachViewIsTheSameObjectOnEveryCall() {
        try (GeminiClient client = newClient()) {
            assertThat(client.images()).isSameAs(client.images());
            assertThat(client.files()).isSameAs(client.files());
            assertThat(client.batches()).isSameAs(client.batches());
        }
    }

    @Test
    void closingAViewLeavesItsClientAndSiblingsOpen() {
        try (GeminiClient client = newClient()) {
            client.images().close();
            client.batches().close();
            client.files().close();

            StoredFile stored = client.files().upload(upload(1000));
            assertThat(client.files().get(stored.name()).name()).isEqualTo(stored.name());
        }
    }

    @Test
    void closingTheClientEndsEveryViewAndClosingTwiceIsHarmless() {
        GeminiClient client = newClient();
        client.close();
        client.close();

        assertThatThrownBy(() -> client.images().generate(request())).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> client.files().listPage(10, Optional.empty())).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> client.batches().listPage(10, Optional.empty()))
                .isInstanceOf(ImageGenerationException.class);
    }

    @Test
    void usingAllThreeViewsStartsAtMostOneThreadMoreThanImagesAloneAndClosingLeavesNone() throws Exception {
        Set<Long> before = ThreadLeaks.snapshot();
        int imagesOnly;
        try (GeminiClient client = newClient()) {
            useImages(client);
            imagesOnly = ThreadLeaks.leakedSince(before, Duration.ZERO, this::isIgnoredThread).size();
        }
        assertThat(ThreadLeaks.leakedSince(before, Duration.ofSeconds(15), this::isIgnoredThread))
                .as("threads left alive after the images-only client was closed").isEmpty();

        int allThree;
        List<String> names;
        try (GeminiClient client = newClient()) {
            useImages(client);
            StoredFile stored = client.files().upload(upload(2000));
            client.files().uploadAsync(upload(3000), io.github.geminiimage.port.UploadProgress.NONE).get(30, TimeUnit.SECONDS);
            client.files().awaitActiveAsync(stored.name(), Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
            client.files().listPage(10, Optional.empty());
            ignoringFailure(() -> client.batches().listPageAsync(10, Optional.empty()));
            ignoringFailure(() -> client.batches().getAsync("batches/none"));
            names = ThreadLeaks.leakedSince(before, Duration.ZERO, this::isIgnoredThread);
            allThree = names.size();
        }
        System.out.println(getClass().getSimpleName() + ": threads started by a client that generated images: "
                + imagesOnly + "; by one that used all three views: " + allThree + " " + names);
        assertThat(allThree).as("threads of a client using all three views: " + names).isLessThanOrEqualTo(imagesOnly + extraThreadsAllowed());
        assertThat(ThreadLeaks.leakedSince(before, Duration.ofSeconds(15), this::isIgnoredThread))
                .as("threads left alive after the client was closed").isEmpty();
    }

    private static void useImages(GeminiClient client) throws Exception {
        ignoringFailure(() -> CompletableFuture.completedFuture(client.images().generate(request())));
        ignoringFailure(() -> client.images().generateAsync(request()));
    }

    private static void ignoringFailure(Supplier<CompletableFuture<?>> call) throws Exception {
        try {
            call.get().handle((value, failure) -> null).get(30, TimeUnit.SECONDS);
        } catch (ImageGenerationException e) {
            // The backend may not serve this endpoint: only the threads the call starts matter here.
        }
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("a red bicycle").build();
    }

    private static FileUpload upload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return FileUpload.fromStream(new ByteArrayInputStream(bytes), size).mimeType("application/octet-stream")
                .displayName("client contract").build();
    }
}
