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
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.ServiceTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void aFlexCallWithASinkIsContinuedServedAsFlexPricedOnceFromTheSummedUsageAndWrittenOnce(@TempDir Path dir)
            throws IOException {
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start(); ImageGenerationPort port = port(emulator)) {
            emulator.enqueue("continuation");
            emulator.enqueue("continuation");
            Path file = dir.resolve("apple.png");
            GenerationRequest flex = request.toBuilder().serviceTier(ServiceTier.FLEX).sink(ImageSink.toFile(file)).build();

            GenerationResult whole = port.generate(flex);
            GenerationResult streamed;
            try (GenerationStream stream = port.stream(flex)) {
                streamed = stream.result();
            }

            for (GenerationResult result : new GenerationResult[] {whole, streamed}) {
                assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
                assertThat(result.continuations()).isEqualTo(1);
                assertThat(result.servedTier().tier()).contains(ServiceTier.FLEX);
                assertThat(result.cost()).isPresent().isEqualTo(
                        PriceTable.google().estimate(flex.model().id(), result, flex.serviceTier(), false));
                assertThat(result.requireImage().written().orElseThrow().path()).contains(file.toAbsolutePath());
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("apple.png")
                        .noneMatch(name -> name.startsWith(".") || name.endsWith(".part"));
            }
            assertThat(emulator.requests()).hasSize(4).extracting(RecordedRequest::status).containsOnly(200);
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
