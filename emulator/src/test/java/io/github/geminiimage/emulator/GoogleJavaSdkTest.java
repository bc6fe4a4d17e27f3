package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.BatchJob;
import com.google.genai.types.BatchJobSource;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.CreateBatchJobConfig;
import com.google.genai.types.File;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ImageConfig;
import com.google.genai.types.InlinedRequest;
import com.google.genai.types.InlinedResponse;
import com.google.genai.types.JobState;
import com.google.genai.types.ListFilesConfig;
import com.google.genai.types.Part;
import com.google.genai.types.UploadFileConfig;
import io.github.geminiimage.domain.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Google's own Java SDK (java-genai) as a client of the emulator, through every flow it has for images. */
@Timeout(120)
class GoogleJavaSdkTest {

    private static final String KEY = "sdk-key";
    private static final String MODEL = "gemini-2.5-flash-image";
    private static GeminiEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = GeminiEmulator.builder().apiKey(KEY).batchTiming(Duration.ofMillis(200), Duration.ofMillis(500)).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Client client(String version) {
        return Client.builder().apiKey(KEY).httpOptions(HttpOptions.builder().baseUrl(emulator.baseUri().toString())
                .apiVersion(version).build()).build();
    }

    private static GenerateContentConfig imageConfig(String ratio) {
        return GenerateContentConfig.builder().responseModalities("TEXT", "IMAGE")
                .imageConfig(ImageConfig.builder().aspectRatio(ratio).build()).build();
    }

    private static Blob image(GenerateContentResponse response) {
        return response.parts().stream().filter(p -> p.inlineData().isPresent()).map(p -> p.inlineData().get())
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no image in " + response.toJson()));
    }

    private static int[] size(byte[] bytes) throws IOException {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(bytes));
        return new int[] {picture.getWidth(), picture.getHeight()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1beta", "v1"})
    void generatesAnImageOnBothApiVersions(String version) throws IOException {
        try (Client client = client(version)) {
            GenerateContentResponse response = client.models.generateContent(MODEL, "A red apple on a table",
                    imageConfig("16:9"));

            Blob blob = image(response);
            assertThat(blob.mimeType()).contains("image/png");
            assertThat(size(blob.data().orElseThrow())).containsExactly(1344, 768);
            assertThat(response.usageMetadata().flatMap(u -> u.totalTokenCount())).hasValueSatisfying(t -> assertThat(t)
                    .isPositive());
            assertThat(response.finishReason().toString()).contains("STOP");
        }
    }

    @Test
    void listsAndGetsModels() {
        try (Client client = client("v1beta")) {
            List<String> names = new ArrayList<>();
            client.models.list(null).forEach(m -> names.add(m.name().orElseThrow()));
            assertThat(names).contains("models/gemini-2.5-flash-image", "models/gemini-3-pro-image");
            assertThat(client.models.get(MODEL, null).displayName()).isPresent();
        }
    }

    @Test
    void streamsTheImageAndTheFinish() throws IOException {
        try (Client client = client("v1beta");
                ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(
                        "gemini-3-pro-image-preview", "A lighthouse at dusk", imageConfig("1:1"))) {
            List<GenerateContentResponse> chunks = new ArrayList<>();
            stream.forEach(chunks::add);

            assertThat(chunks).hasSizeGreaterThan(1);
            Blob blob = chunks.stream().flatMap(c -> Optional.ofNullable(c.parts()).orElse(com.google.common.collect
                    .ImmutableList.of()).stream()).filter(p -> p.inlineData().isPresent() && !p.thought().orElse(false))
                    .map(p -> p.inlineData().get()).reduce((a, b) -> b).orElseThrow();
            assertThat(blob.mimeType()).contains("image/jpeg");
            assertThat(size(blob.data().orElseThrow())).containsExactly(1024, 1024);
            assertThat(chunks.get(chunks.size() - 1).finishReason().toString()).contains("STOP");
        }
    }

    @Test
    void uploadsGetsListsUsesDownloadsAndDeletesAFile() throws Exception {
        try (Client client = client("v1beta")) {
            byte[] png = TestImages.png(40, 30);
            File uploaded = client.files.upload(png, UploadFileConfig.builder().mimeType("image/png")
                    .displayName("tiny cat").build());
            String name = uploaded.name().orElseThrow();
            assertThat(uploaded.sizeBytes()).contains((long) png.length);
            assertThat(uploaded.state().map(Object::toString)).hasValueSatisfying(s -> assertThat(s).contains("ACTIVE"));

            assertThat(client.files.get(name, null).displayName()).contains("tiny cat");
            client.files.upload(Tiny.PNG, UploadFileConfig.builder().mimeType("image/png").build());
            List<String> names = new ArrayList<>();
            client.files.list(ListFilesConfig.builder().pageSize(1).build()).forEach(f -> names.add(f.name().orElseThrow()));
            assertThat(names).hasSize(2).contains(name);

            GenerateContentResponse edited = client.models.generateContent(MODEL, Content.fromParts(
                    Part.fromText("Add a wizard hat"), Part.fromUri(uploaded.uri().orElseThrow(), "image/png")),
                    imageConfig("1:1"));
            assertThat(image(edited).data()).isPresent();
            assertThat(emulator.requests()).anySatisfy(r -> assertThat(r.prompt()).contains("Add a wizard hat"));

            Path target = dir.resolve("downloaded.png");
            client.files.download(name, target.toString(), null);
            assertThat(Files.readAllBytes(target)).isEqualTo(png);

            client.files.delete(name, null);
            List<String> after = new ArrayList<>();
            client.files.list(ListFilesConfig.builder().build()).forEach(f -> after.add(f.name().orElseThrow()));
            assertThat(after).doesNotContain(name);
        }
    }

    @Test
    void runsAnInlineBatchToItsResponses() throws Exception {
        try (Client client = client("v1beta")) {
            List<InlinedRequest> requests = List.of(
                    InlinedRequest.builder().contents(Content.fromParts(Part.fromText("A cat"))).config(imageConfig("1:1"))
                            .metadata(Map.of("key", "cat")).build(),
                    InlinedRequest.builder().contents(Content.fromParts(Part.fromText("A dog"))).config(imageConfig("3:2"))
                            .metadata(Map.of("key", "dog")).build());
            BatchJob job = client.batches.create(MODEL, BatchJobSource.builder().inlinedRequests(requests).build(),
                    CreateBatchJobConfig.builder().displayName("sdk inline").build());

            BatchJob done = await(client, job.name().orElseThrow());
            List<InlinedResponse> responses = done.dest().orElseThrow().inlinedResponses().orElseThrow();
            assertThat(responses).hasSize(2);
            assertThat(responses.get(0).metadata()).contains(Map.of("key", "cat"));
            assertThat(size(image(responses.get(1).response().orElseThrow()).data().orElseThrow())).containsExactly(1248, 832);
        }
    }

    @Test
    void runsAFileBatchToItsResultsFile() throws Exception {
        try (Client client = client("v1beta")) {
            String jsonl = "{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"A big letter A\"}]}],"
                    + "\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"]}}}\n"
                    + "{\"key\":\"b\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"A big letter B\"}]}]}}\n";
            File input = client.files.upload(jsonl.getBytes(StandardCharsets.UTF_8),
                    UploadFileConfig.builder().mimeType("jsonl").build());
            BatchJob job = client.batches.create(MODEL, BatchJobSource.builder().fileName(input.name().orElseThrow()).build(),
                    CreateBatchJobConfig.builder().displayName("sdk file").build());

            BatchJob done = await(client, job.name().orElseThrow());
            String results = done.dest().orElseThrow().fileName().orElseThrow();
            Path target = dir.resolve("results.jsonl");
            client.files.download(results, target.toString(), null);
            List<String> lines = Files.readAllLines(target);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("\"key\":\"a\"").contains("\"inlineData\"");
            assertThat(lines.get(1)).contains("\"key\":\"b\"");
        }
    }

    private static BatchJob await(Client client, String name) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            BatchJob job = client.batches.get(name, null);
            if (job.state().map(JobState::knownEnum).orElseThrow() == JobState.Known.JOB_STATE_SUCCEEDED) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not succeed in time");
    }
}
