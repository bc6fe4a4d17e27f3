package io.github.geminiimage.adapter.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.RecordedRequest;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emulator's {@code continuation} outcome, queued over its HTTP API, continued by this library's client. */
@Timeout(30)
class ContinuationAgainstEmulatorTest {

    private static final String KEY = "emu-key";
    private final GenerationRequest request = GenerationRequest.builder().prompt("A red apple").build();

    private static ImageGenerationPort port(GeminiEmulator emulator) {
        return JdkHttpImageGeneration.builder().apiKey(KEY).options(HttpOptions.builder().baseUri(emulator.baseUri()).build())
                .build();
    }

    @Test
    void aQueuedContinuationIsContinuedToTheImageWholeAndStreamed() {
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start(); ImageGenerationPort port = port(emulator)) {
            HttpResponse<String> queued = post(emulator.baseUri(), "/emulator/v1/outcomes",
                    "{\"outcomes\":[\"continuation\",\"continuation\"]}", Map.of());
            assertThat(queued.statusCode()).isEqualTo(200);

            GenerationResult whole = port.generate(request);
            GenerationResult streamed;
            try (GenerationStream stream = port.stream(request)) {
                streamed = stream.result();
            }

            for (GenerationResult result : new GenerationResult[] {whole, streamed}) {
                assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
                assertThat(result.continuations()).isEqualTo(1);
                assertThat(result.text()).startsWith("(piece 1 of 2) ");
            }
            assertThat(emulator.requests()).as("two requests each, the outcomes call not counted").hasSize(4)
                    .extracting(RecordedRequest::status).containsOnly(200);
        }
    }

    @Test
    void turnedOffTheClientGetsTheIncompletePieceAndResumesIt() {
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start(); ImageGenerationPort port = port(emulator)) {
            emulator.enqueue("continuation");
            GenerationRequest manual = request.toBuilder().automaticContinuation(false).build();

            GenerationResult partial = port.generate(manual);
            assertThat(partial.outcome()).isEqualTo(Outcome.INCOMPLETE);

            assertThat(partial.followedBy(port.generate(manual.resuming(partial))).outcome()).isEqualTo(Outcome.IMAGE);
        }
    }

    private static HttpResponse<String> post(java.net.URI base, String path, String body, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(base.resolve(path))
                .timeout(java.time.Duration.ofSeconds(30)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
