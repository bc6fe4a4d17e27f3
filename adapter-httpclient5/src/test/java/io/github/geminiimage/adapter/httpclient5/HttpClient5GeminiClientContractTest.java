package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.GeminiClientContract;
import io.github.geminiimage.tck.TckSecrets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/** The client contract over this adapter, built the way users build it, against the emulator. */
class HttpClient5GeminiClientContractTest extends GeminiClientContract {

    private final List<GeminiEmulator> emulators = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEmulators() {
        emulators.forEach(GeminiEmulator::close);
    }

    @Override
    protected GeminiClient newClient() {
        GeminiEmulator server = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).start();
        emulators.add(server);
        return HttpClient5GeminiClient.builder().apiKey(TckSecrets.SENTINEL_KEY).baseUri(server.baseUri()).build();
    }

    @Override
    protected boolean isIgnoredThread(Thread thread) {
        // The emulator's own threads, started with it.
        return thread.getName().startsWith("HTTP-Dispatcher") || thread.getName().startsWith("gemini-emulator-") || thread.getName().equals("idle-timeout-task");
    }
}
