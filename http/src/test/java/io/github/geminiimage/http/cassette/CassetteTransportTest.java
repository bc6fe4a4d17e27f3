package io.github.geminiimage.http.cassette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CassetteTransportTest {

    private static final String KEY = "AIzaCASSETTE-SENTINEL-0123456789abcdefXYZ";
    private static final URI BASE = URI.create("http://127.0.0.1:9/");

    @TempDir
    Path dir;

    private static byte[] image(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0x89;
        bytes[1] = 'P';
        bytes[2] = 'N';
        bytes[3] = 'G';
        return bytes;
    }

    private static String imageReply(byte[] png) {
        return "{\n  \"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"text\": \"Here it is\"},"
                + " {\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \"" + Base64.getEncoder().encodeToString(png)
                + "\"}}]}, \"finishReason\": \"STOP\", \"index\": 0}],\n  \"usageMetadata\": {\"promptTokenCount\": 7,"
                + " \"candidatesTokenCount\": 1290, \"totalTokenCount\": 1297}\n}\n";
    }

    private static ScriptedServer.Reply json(int status, String body) {
        return new ScriptedServer.Reply(status, Map.of("Content-Type", List.of("application/json; charset=UTF-8"),
                "Content-Length", List.of(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpImageGeneration port(HttpTransport transport, String key) {
        // The images view of a client over the cassette (a view's close leaves the client's daemon threads to end idle).
        return HttpGeminiClient.builder(transport, ApiKey.of(key))
                .options(HttpOptions.builder().baseUri(BASE).build()).ownsTransport(false).build().images();
    }

    private static GenerationRequest prompt(String text) {
        return GenerationRequest.builder().prompt(text).build();
    }

    @Test
    void aRecordedImageReplaysByteForByteWithNoNetworkAndItsPayloadStoredBesideTheDocument() throws IOException {
        byte[] png = image(300_000, 1);
        ScriptedServer server = new ScriptedServer(s -> json(200, imageReply(png)));
        GenerationResult recorded;
        try (CassetteTransport recorder = CassetteTransport.record(dir, server);
                HttpImageGeneration port = port(recorder, KEY)) {
            recorded = port.generate(prompt("A red apple on a table"));
            assertThat(recorder.recorded()).isEqualTo(1);
        }
        assertThat(server.closed).isTrue();

        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(sha256Hex(png) + ".bin", "0001-POST-generateContent.json");
        assertThat(Files.readAllBytes(dir.resolve(sha256Hex(png) + ".bin"))).isEqualTo(png);
        String document = Files.readString(dir.resolve("0001-POST-generateContent.json"));
        if (System.getProperty("cassette.print") != null) {
            System.out.println(document);
        }
        assertThat(document.length()).isLessThan(4_000);
        assertThat(document).contains("\"base64\": \"" + sha256Hex(png) + "\"", "A red apple on a table");

        try (CassetteTransport replay = CassetteTransport.replay(dir); HttpImageGeneration port = port(replay, "unused-key-1")) {
            GenerationResult replayed = port.generate(prompt("A red apple on a table"));
            assertThat(replayed.images()).extracting(GeneratedImage::bytes)
                    .containsExactlyElementsOf(recorded.images().stream().map(GeneratedImage::bytes).toList());
            assertThat(replayed.images().get(0).bytes()).isEqualTo(png);
            assertThat(replay.replayed()).isEqualTo(1);
            assertThat(replay.unusedRecordings()).isEmpty();
        }
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void theKeyIsInNoFileOfTheCassetteHoweverItTravelled() throws IOException {
        byte[] png = image(5_000, 2);
        ScriptedServer server = new ScriptedServer(s -> {
            if (s.request().uri().getPath().endsWith(":generateContent")) {
                return json(200, imageReply(png));
            }
            // An error body quoting the URL it was sent to, key and all.
            return json(400, "{\"error\": {\"code\": 400, \"message\": \"bad request to " + s.request().uri() + "\"}}");
        });
        try (CassetteTransport recorder = CassetteTransport.record(dir, server)) {
            try (HttpImageGeneration port = port(recorder, KEY)) {
                port.generate(prompt("An apple"));
            }
            HttpRequest withQueryKey = new HttpRequest("GET",
                    URI.create("http://127.0.0.1:9/v1beta/files?pageSize=10&key=" + KEY), List.of(
                            Map.entry("Authorization", "Bearer " + KEY), Map.entry("x-custom-secret", KEY)),
                    Set.of("x-custom-secret"), Optional.empty(), Instant.now().plusSeconds(30));
            try (HttpResponse response = recorder.send(withQueryKey)) {
                assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).contains(KEY);
            }
        }
        assertThat(server.seen).hasSize(2);
        assertThat(CassetteFiles.everyFile(dir)).doesNotContain(KEY).doesNotContain(KEY.substring(4, 30)).contains("[redacted]");
    }

    @Test
    void aChangedPromptFailsNamingTheCassetteTheClosestRecordingAndWhatDiffers() throws IOException {
        byte[] png = image(2_000, 3);
        try (CassetteTransport recorder = CassetteTransport.record(dir, new ScriptedServer(s -> json(200, imageReply(png))));
                HttpImageGeneration port = port(recorder, KEY)) {
            port.generate(prompt("A red fox in the snow"));
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir); HttpImageGeneration port = port(replay, "unused-key-1")) {
            assertThatThrownBy(() -> port.generate(prompt("A blue fox in the snow")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("0001-POST-generateContent.json")
                    .hasMessageContaining("body /contents/0/parts/0/text: recorded \"A red fox in the snow\", requested "
                            + "\"A blue fox in the snow\"")
                    .cause().isInstanceOf(CassetteMismatchException.class)
                    .satisfies(e -> assertThat(((CassetteMismatchException) e).closest())
                            .contains("0001-POST-generateContent.json"));
        }
    }

    @Test
    void repeatedIdenticalRequestsReplayInRecordedOrderAndThenFail() throws IOException {
        int[] calls = {0};
        ScriptedServer server = new ScriptedServer(s -> json(200, "{\"state\": \"poll-" + (++calls[0]) + "\"}"));
        try (CassetteTransport recorder = CassetteTransport.record(dir, server)) {
            for (int i = 0; i < 3; i++) {
                read(recorder, get("/v1beta/batches/b1"));
            }
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir)) {
            assertThat(read(replay, get("/v1beta/batches/b1"))).contains("poll-1");
            assertThat(read(replay, get("/v1beta/batches/b1"))).contains("poll-2");
            assertThat(read(replay, get("/v1beta/batches/b1"))).contains("poll-3");
            assertThatThrownBy(() -> read(replay, get("/v1beta/batches/b1")))
                    .hasMessageContaining("every recording of this request was already replayed (3 recorded)");
        }
    }

    @Test
    void sseRepliesReplayByteExactWithTheirLineEndings() throws IOException {
        byte[] png = image(40_000, 4);
        String sse = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"one\"}]}}]}\r\n\r\n"
                + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \""
                + Base64.getEncoder().encodeToString(png) + "\"}}]}}]}\n\n"
                + ": a comment\r"
                + "data: {\"done\": true}\r\n\r\n";
        byte[] wire = sse.getBytes(StandardCharsets.UTF_8);
        ScriptedServer server = new ScriptedServer(s -> new ScriptedServer.Reply(200,
                Map.of("Content-Type", List.of("text/event-stream")), wire));
        HttpRequest request = post("/v1beta/models/m:streamGenerateContent?alt=sse", "{\"contents\": []}");
        byte[] live;
        try (CassetteTransport recorder = CassetteTransport.record(dir, server)) {
            live = readBytes(recorder, request);
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir)) {
            assertThat(readBytes(replay, request)).isEqualTo(live).isEqualTo(wire);
        }
        String document = Files.readString(dir.resolve("0001-POST-streamGenerateContent.json"));
        assertThat(document).contains("\\r\\n").contains(": a comment\\r").contains(sha256Hex(png));
    }

    @Test
    void binaryBodiesAreStoredWholeBesideTheDocumentAndReplayed() throws IOException {
        byte[] chunk = image(70_000, 5);
        ScriptedServer server = new ScriptedServer(s -> new ScriptedServer.Reply(200,
                Map.of("x-goog-upload-status", List.of("active")), new byte[0]));
        HttpRequest upload = new HttpRequest("PUT", URI.create("http://127.0.0.1:9/upload/v1beta/files?upload_id=SECRETID12345"
                + "&upload_protocol=resumable"), List.of(Map.entry("X-Goog-Upload-Command", "upload"),
                Map.entry("X-Goog-Upload-Offset", "0")), Set.of(), java.util.Optional.of(RequestBody.ofBytes(chunk)),
                Instant.now().plusSeconds(30));
        try (CassetteTransport recorder = CassetteTransport.record(dir, server)) {
            read(recorder, upload);
        }
        assertThat(Files.readAllBytes(dir.resolve(sha256Hex(chunk) + ".bin"))).isEqualTo(chunk);
        assertThat(CassetteFiles.everyFile(dir)).doesNotContain("SECRETID12345").contains("upload_id=session-1");
    }

    @Test
    void recordMissingReplaysWhatItHoldsAndRecordsTheRest() throws IOException {
        int[] calls = {0};
        ScriptedServer server = new ScriptedServer(s -> json(200, "{\"n\": " + (++calls[0]) + "}"));
        try (CassetteTransport recorder = CassetteTransport.record(dir, server)) {
            read(recorder, get("/v1beta/files/a"));
        }
        try (CassetteTransport both = CassetteTransport.open(dir, CassetteMode.RECORD_MISSING, () -> server,
                CassetteOptions.defaults())) {
            assertThat(read(both, get("/v1beta/files/a"))).contains("\"n\": 1");
            assertThat(read(both, get("/v1beta/files/b"))).contains("\"n\": 2");
            assertThat(both.replayed()).isEqualTo(1);
            assertThat(both.recorded()).isEqualTo(1);
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir)) {
            assertThat(read(replay, get("/v1beta/files/b"))).contains("\"n\": 2");
            assertThat(read(replay, get("/v1beta/files/a"))).contains("\"n\": 1");
        }
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void volatileFieldsAreIgnoredWhenMatching() throws IOException {
        ScriptedServer server = new ScriptedServer(s -> json(200, "{\"ok\": true}"));
        try (CassetteTransport recorder = CassetteTransport.record(dir, server)) {
            read(recorder, post("/v1beta/batches", "{\"batch\": {\"displayName\": \"run-1\", \"model\": \"m\"}}"));
        }
        HttpRequest later = post("/v1beta/batches", "{\"batch\": {\"displayName\": \"run-2\", \"model\": \"m\"}}");
        try (CassetteTransport strict = CassetteTransport.replay(dir)) {
            assertThatThrownBy(() -> read(strict, later)).hasMessageContaining("body /batch/displayName");
        }
        try (CassetteTransport lenient = CassetteTransport.replay(dir,
                CassetteOptions.builder().volatileField("/batch/displayName").build())) {
            assertThat(read(lenient, later)).contains("ok");
        }
    }

    @Test
    void concurrentCallsRecordAndReplayEachTheirOwnExchange() throws Exception {
        ScriptedServer server = new ScriptedServer(s -> json(200, imageReply(image(3_000,
                new String(s.body(), StandardCharsets.UTF_8).hashCode()))));
        List<String> prompts = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "A boat number " + i).toList();
        List<byte[]> live = new ArrayList<>();
        try (CassetteTransport recorder = CassetteTransport.record(dir, server); HttpImageGeneration port = port(recorder, KEY)) {
            List<java.util.concurrent.CompletableFuture<GenerationResult>> calls = prompts.stream()
                    .map(p -> port.generateAsync(prompt(p))).toList();
            for (var call : calls) {
                live.add(call.get(30, TimeUnit.SECONDS).images().get(0).bytes());
            }
            assertThat(recorder.recorded()).isEqualTo(12);
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir); HttpImageGeneration port = port(replay, "unused-key-1")) {
            List<String> reversed = new ArrayList<>(prompts);
            java.util.Collections.reverse(reversed);
            List<java.util.concurrent.CompletableFuture<GenerationResult>> calls = reversed.stream()
                    .map(p -> port.generateAsync(prompt(p))).toList();
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(30, TimeUnit.SECONDS).images().get(0).bytes())
                        .isEqualTo(live.get(prompts.size() - 1 - i));
            }
            assertThat(replay.unusedRecordings()).isEmpty();
        }
    }

    @Test
    void replayingAFolderThatDoesNotExistFailsNamingIt() {
        Path missing = dir.resolve("never-recorded");
        assertThatThrownBy(() -> CassetteTransport.replay(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("record it first");
    }

    @Test
    void aNetworkFailureIsRecordedAndReplayedAsTheSameKindOfFailure() throws IOException {
        HttpTransport refusing = new HttpTransport() {
            @Override
            public java.util.concurrent.CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                return java.util.concurrent.CompletableFuture.failedFuture(new java.net.ConnectException("connection refused"));
            }

            @Override
            public void close() {
            }
        };
        try (CassetteTransport recorder = CassetteTransport.record(dir, refusing)) {
            assertThatThrownBy(() -> recorder.send(get("/v1beta/files/a"))).isInstanceOf(java.net.ConnectException.class);
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir)) {
            assertThatThrownBy(() -> replay.send(get("/v1beta/files/a"))).isInstanceOf(java.net.ConnectException.class)
                    .hasMessageContaining("connection refused");
        }
    }

    private static HttpRequest get(String pathAndQuery) {
        return new HttpRequest("GET", URI.create("http://127.0.0.1:9" + pathAndQuery),
                List.of(Map.entry("x-goog-api-key", KEY)), Set.of("x-goog-api-key"), Optional.empty(), Instant.now().plusSeconds(30));
    }

    private static HttpRequest post(String pathAndQuery, String body) {
        return new HttpRequest("POST", URI.create("http://127.0.0.1:9" + pathAndQuery),
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("x-goog-api-key", KEY)),
                Set.of("x-goog-api-key"), Optional.of(RequestBody.ofBytes(body.getBytes(StandardCharsets.UTF_8))), Instant.now().plusSeconds(30));
    }

    private static String read(HttpTransport transport, HttpRequest request) throws IOException {
        return new String(readBytes(transport, request), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(HttpTransport transport, HttpRequest request) throws IOException {
        try (HttpResponse response = transport.send(request); InputStream in = response.body()) {
            // Small reads, so that chunk boundaries fall everywhere.
            List<Byte> out = new ArrayList<>();
            byte[] buffer = new byte[777];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    out.add(buffer[i]);
                }
            }
            byte[] bytes = new byte[out.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = out.get(i);
            }
            return bytes;
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
