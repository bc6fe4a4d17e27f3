package io.github.geminiimage.emulator;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.tck.ClientFilesPort;
import io.github.geminiimage.tck.FilesPortContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The Files contract over the JDK transport, against the emulator's Files API (a new emulator per store). */
class EmulatorFilesContractTest extends FilesPortContract {

    private static final String KEY = "files-key";
    private final List<GeminiEmulator> emulators = new ArrayList<>();

    @AfterEach
    void stopEmulators() {
        emulators.forEach(GeminiEmulator::close);
    }

    private FilesPort port(int reads, Optional<String> failure) {
        GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start().fileProcessing(reads, failure);
        emulators.add(emulator);
        HttpOptions options = HttpOptions.builder().baseUri(emulator.baseUri())
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(20), 2, Duration.ofMillis(200)))
                .overallDeadline(Duration.ofSeconds(30)).build();
        // The files view of a client of its own, whose close() the port's closes.
        return new ClientFilesPort(HttpGeminiClient.builder(JdkHttpTransport.create(options.transportSettings()), ApiKey.of(KEY))
                .options(options).ownsTransport(true).pollInterval(Duration.ofMillis(50)).build());
    }

    @Override
    protected FilesFixture fixture() {
        return new FilesFixture() {
            @Override
            public FilesPort emptyStore() {
                return port(0, Optional.empty());
            }

            @Override
            public FilesPort storeProcessingFor(int polls) {
                return port(polls, Optional.empty());
            }

            @Override
            public FilesPort storeNeverFinishingProcessing() {
                return port(Integer.MAX_VALUE, Optional.empty());
            }

            @Override
            public FilesPort storeFailingProcessing(String message) {
                return port(0, Optional.of(message));
            }
        };
    }
}
