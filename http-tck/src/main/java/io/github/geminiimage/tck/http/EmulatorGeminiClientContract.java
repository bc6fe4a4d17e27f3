package io.github.geminiimage.tck.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.GeminiClientContract;
import io.github.geminiimage.tck.TckSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link GeminiClientContract} for an HTTP adapter's client, built the way users build it,
 * each against a {@link GeminiEmulator} of its own (stopped after the test; its threads are left
 * out of the thread counts), plus an upload and read back through the client's files view. A
 * subclass supplies only the adapter's builder.
 */
public abstract class EmulatorGeminiClientContract extends GeminiClientContract {

    private final List<GeminiEmulator> emulators = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    /** A new builder of the adapter's client, as a user starts one. */
    protected abstract HttpPortBuilder<?, GeminiClient> clientBuilder();

    @AfterEach
    void stopEmulators() {
        emulators.forEach(GeminiEmulator::close);
    }

    @Override
    protected GeminiClient newClient() {
        GeminiEmulator server = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).start();
        emulators.add(server);
        return clientBuilder().apiKey(TckSecrets.SENTINEL_KEY).baseUri(server.baseUri()).build();
    }

    @Test
    void theAdaptersClientHasAFilesView() throws Exception {
        byte[] content = new byte[1234];
        new Random(50).nextBytes(content);
        Path path = Files.write(dir.resolve("built.bin"), content);
        try (GeminiClient gemini = newClient()) {
            FilesPort files = gemini.files();
            StoredFile stored = files.upload(FileUpload.fromFile(path).mimeType("image/png").build());

            assertThat(stored.sizeBytes()).isEqualTo(1234);
            assertThat(files.get(stored.name())).isEqualTo(stored);
        }
    }

    @Override
    protected boolean isIgnoredThread(Thread thread) {
        // The emulator's own threads, started with it.
        return thread.getName().startsWith("HTTP-Dispatcher") || thread.getName().startsWith("gemini-emulator-") || thread.getName().equals("idle-timeout-task");
    }
}
