package io.github.geminiimage.junit;

import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The session the proof records and replays: a generate, a stream, a Files upload in several
 * chunks, a list and a download of it, an edit that refers to the uploaded file, and a small inline
 * batch, all over one transport, whatever it is.
 */
final class Session {

    /** Where each API lives. */
    record Bases(URI gemini, URI files, URI batches) {
    }

    /** What the session got back: the bytes of every image, the stored file, the batch's results by key. */
    record Outcome(List<byte[]> generated, int streamEvents, List<byte[]> streamed, StoredFile uploaded,
            List<StoredFile> listed, byte[] downloaded, List<byte[]> edited, io.github.geminiimage.domain.batch.BatchState batchState,
            Map<String, List<byte[]>> batchResults) {
    }

    private Session() {
    }

    static Outcome run(HttpTransport transport, String key, Bases bases, Path reference, String prompt) {
        return run(transport, key, bases, reference, prompt, FakeClock.at(Instant.now()));
    }

    static Outcome run(HttpTransport transport, String key, Bases bases, Path reference, String prompt, FakeClock clock) {
        // One client per base (the recording may put each API on its own server), all over the one transport.
        try (GeminiClient forImages = HttpGeminiClient.builder(transport, ApiKey.of(key))
                .options(HttpOptions.builder().baseUri(bases.gemini()).build()).ownsTransport(false).build();
                GeminiClient forFiles = HttpGeminiClient.builder(transport, ApiKey.of(key))
                        .options(HttpOptions.builder().baseUri(bases.files()).build()).ownsTransport(false)
                        .chunkSize(256 * 1024).build();
                GeminiClient forBatches = HttpGeminiClient.builder(transport, ApiKey.of(key))
                        .options(HttpOptions.builder().baseUri(bases.batches()).build()).ownsTransport(false)
                        .clock(clock).sleeper(clock::advance).build()) {
            ImageGenerationPort images = forImages.images();
            FilesPort files = forFiles.files();
            BatchPort batches = forBatches.batches();
            GenerationResult generated = images.generate(GenerationRequest.builder().prompt(prompt).build());
            GenerationResult streamed;
            int events;
            try (GenerationStream stream = images.stream(GenerationRequest.builder().prompt(prompt + ", streamed").build())) {
                events = (int) stream.events().count();
                streamed = stream.result();
            }
            StoredFile uploaded = files.upload(FileUpload.fromFile(reference).mimeType("image/png")
                    .displayName("reference.png").build());
            List<StoredFile> listed = files.list().toList();
            java.io.ByteArrayOutputStream downloaded = new java.io.ByteArrayOutputStream();
            files.download(uploaded.name(), downloaded);
            GenerationResult edited = images.generate(GenerationRequest.builder().prompt("Make it night")
                    .images(List.of(ImageInput.ofStoredFile(uploaded.name(), io.github.geminiimage.domain.MediaType.PNG))).build());
            BatchJob job = batches.submit("replay-proof", "gemini-2.5-flash-image", List.of(
                    KeyedRequest.of("harbour", GenerationRequest.builder().prompt("A harbour").build()),
                    KeyedRequest.of("meadow", GenerationRequest.builder().prompt("A meadow").build())),
                    BatchSubmitOptions.defaults());
            BatchJob done = batches.await(job.name(), Duration.ofHours(1), j -> { });
            Map<String, List<byte[]>> results = new LinkedHashMap<>();
            try (Stream<BatchResult> stream = batches.results(done.name())) {
                stream.forEach(r -> results.put(r.key(), r.result().map(Session::bytes).orElse(List.of())));
            }
            return new Outcome(bytes(generated), events, bytes(streamed), uploaded, listed, downloaded.toByteArray(),
                    bytes(edited), done.state(), results);
        }
    }

    private static List<byte[]> bytes(GenerationResult result) {
        return result.images().stream().map(GeneratedImage::bytes).toList();
    }
}
