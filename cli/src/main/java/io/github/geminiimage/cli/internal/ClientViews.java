package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import java.util.Objects;

/**
 * A {@link GeminiClient} put together from three ports that share a backend (the fake's kept store,
 * or a test's fakes that must outlive each command), closed by {@code closer}.
 *
 * @param images the image generation port
 * @param files the files port
 * @param batches the batch port
 * @param closer what closing the client does
 */
public record ClientViews(ImageGenerationPort images, FilesPort files, BatchPort batches, Runnable closer)
        implements GeminiClient {

    /** Checks for nulls. */
    public ClientViews {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(closer, "closer");
    }

    @Override
    public void close() {
        closer.run();
    }
}
