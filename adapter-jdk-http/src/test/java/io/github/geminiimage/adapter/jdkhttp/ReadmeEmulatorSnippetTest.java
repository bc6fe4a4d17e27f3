package io.github.geminiimage.adapter.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.junit.GeminiEmulatorExtension;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's Java snippet for the emulator, run: both clients wired to it, a 429 retried by ours. */
@ExtendWith(GeminiEmulatorExtension.class)
class ReadmeEmulatorSnippetTest {

    @Test
    @Timeout(60)
    void retriesAfterARateLimit(GeminiEmulator emulator, URI baseUri) {
        emulator.enqueue(EmulatorOutcome.of("rate-limited").withRetryAfter(Duration.ofSeconds(1)));
        try (Client google = Client.builder().apiKey("test-key")
                .httpOptions(HttpOptions.builder().baseUrl(baseUri.toString()).build()).build();
                ImageGenerationPort ours = JdkHttpImageGeneration.builder().baseUri(baseUri).apiKey("test-key").build()) {
            assertThat(google).isNotNull();
            // The code under test: our port retries the 429 after the server's one-second delay.
            assertThat(ours.generate(GenerationRequest.builder().prompt("A red apple").build()).finalImage()).isPresent();
        }
        assertThat(emulator.requests()).hasSize(2);
        assertThat(emulator.requests().get(0).status()).isEqualTo(429);
    }
}
