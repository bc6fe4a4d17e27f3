package io.github.geminiimage.tck.http;

import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.GeminiClientContract;
import io.github.geminiimage.tck.TckSecrets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@link GeminiClientContract} for an HTTP adapter's client, built the way users build it,
 * each against a {@link GeminiEmulator} of its own (stopped after the test; its threads are left
 * out of the thread counts). A subclass supplies only the adapter's builder.
 */
public abstract class EmulatorGeminiClientContract extends GeminiClientContract {

    private final List<GeminiEmulator> emulators = new CopyOnWriteArrayList<>();

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

    @Override
    protected boolean isIgnoredThread(Thread thread) {
        // The emulator's own threads, started with it.
        return thread.getName().startsWith("HTTP-Dispatcher") || thread.getName().startsWith("gemini-emulator-") || thread.getName().equals("idle-timeout-task");
    }
}
