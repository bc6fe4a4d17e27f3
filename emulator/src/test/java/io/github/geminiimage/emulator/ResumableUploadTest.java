package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The resumable protocol at the byte level: a chunk cut mid-body keeps its whole granules; query, resume, finalize. */
@Timeout(60)
class ResumableUploadTest {

    private static final int GRANULE = 64 * 1024;
    private static GeminiEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = GeminiEmulator.builder().apiKey("k").uploadGranularity(GRANULE).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    private static URI startSession(int length) {
        HttpResponse<String> start = Http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/upload/v1beta/files"))
                .header("x-goog-api-key", "k").header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Command", "start")
                .header("X-Goog-Upload-Header-Content-Length", Integer.toString(length))
                .header("X-Goog-Upload-Header-Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(start.statusCode()).isEqualTo(200);
        return URI.create(start.headers().firstValue("x-goog-upload-url").orElseThrow());
    }

    private static HttpResponse<String> chunk(URI session, String command, long offset, byte[] content, int from, int to) {
        return Http.send(HttpRequest.newBuilder(session).header("X-Goog-Upload-Command", command)
                .header("X-Goog-Upload-Offset", Long.toString(offset))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content, from, to - from)).build());
    }

    @Test
    void scriptedChunkFaultsOverTheControlApiAnswer503ThenCutThenLetTheUploadFinish() {
        byte[] content = new byte[GRANULE * 3];
        new Random(8).nextBytes(content);
        URI session = startSession(content.length);
        HttpResponse<String> scripted = Http.post(emulator.baseUri(), "/emulator/v1/upload-faults",
                "{\"failNextChunks\": 1, \"cutNextChunkAfter\": " + (GRANULE + 100) + "}", Map.of());
        assertThat(scripted.statusCode()).as(scripted.body()).isEqualTo(200);

        HttpResponse<String> refused = chunk(session, "upload", 0, content, 0, GRANULE * 2);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Http.json(refused.body()).getJsonObject("error").getString("status")).isEqualTo("UNAVAILABLE");

        // The cut drops the connection without a reply; the server keeps the one whole granule it read.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Http.CLIENT.send(HttpRequest.newBuilder(session)
                .header("X-Goog-Upload-Command", "upload").header("X-Goog-Upload-Offset", "0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content, 0, GRANULE * 2)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        HttpResponse<String> query = Http.send(HttpRequest.newBuilder(session).header("X-Goog-Upload-Command", "query")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(query.headers().firstValue("x-goog-upload-size-received")).hasValue(Integer.toString(GRANULE));

        HttpResponse<String> last = chunk(session, "upload, finalize", GRANULE, content, GRANULE, content.length);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(emulator.uploadCuts()).isEqualTo(1);
        assertThat(emulator.uploadCommands()).containsExactly("upload@0", "upload@0", "query", "finalize@" + GRANULE);
        String name = Http.json(last.body()).getJsonObject("file").getString("name");
        assertThat(emulator.storedSha256(name)).contains(sha256(content));
    }

    @Test
    void uploadFaultsRefuseNegativeOrMissingCounts() {
        assertThat(Http.post(emulator.baseUri(), "/emulator/v1/upload-faults", "{\"failNextChunks\": -1}", Map.of())
                .statusCode()).isEqualTo(400);
        assertThat(Http.post(emulator.baseUri(), "/emulator/v1/upload-faults", "{}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(Http.post(emulator.baseUri(), "/emulator/v1/upload-faults", "{\"cutAfter\": 5}", Map.of()).body())
                .contains("cutAfter");
    }

    @Test
    void sessionUrlsCanBeHandedOutOnAnotherBase() {
        try (GeminiEmulator proxied = GeminiEmulator.builder().uploadUrlBase(URI.create("https://upload.example/"))
                .start()) {
            HttpResponse<String> start = Http.send(HttpRequest.newBuilder(proxied.baseUri().resolve("/upload/v1beta/files"))
                    .header("x-goog-api-key", "k").header("X-Goog-Upload-Protocol", "resumable")
                    .header("X-Goog-Upload-Command", "start").header("X-Goog-Upload-Header-Content-Length", "1")
                    .header("X-Goog-Upload-Header-Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(start.headers().firstValue("x-goog-upload-url")).hasValueSatisfying(u -> assertThat(u)
                    .startsWith("https://upload.example/upload/v1beta/files?upload_id="));
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCutChunkKeepsWholeGranulesAndTheUploadResumesToAByteIdenticalFile() throws Exception {
        byte[] content = new byte[GRANULE * 5 + 123];
        new Random(7).nextBytes(content);
        HttpResponse<String> start = Http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/upload/v1beta/files"))
                .header("x-goog-api-key", "k").header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Command", "start")
                .header("X-Goog-Upload-Header-Content-Length", Integer.toString(content.length))
                .header("X-Goog-Upload-Header-Content-Type", "application/octet-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\":{\"display_name\":\"cut\"}}")).build());
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.headers().firstValue("x-goog-upload-chunk-granularity")).hasValue(Integer.toString(GRANULE));
        URI session = URI.create(start.headers().firstValue("x-goog-upload-url").orElseThrow());

        // A chunk of four granules whose connection dies after two and a half.
        try (Socket socket = new Socket(session.getHost(), session.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + session.getRawPath() + "?" + session.getRawQuery() + " HTTP/1.1\r\nHost: " + session.getHost()
                    + "\r\nX-Goog-Upload-Command: upload\r\nX-Goog-Upload-Offset: 0\r\nContent-Length: " + GRANULE * 4
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, GRANULE * 2 + GRANULE / 2);
            out.flush();
        }

        long held = 0;
        for (int i = 0; i < 100 && held == 0; i++) {
            HttpResponse<String> query = Http.send(HttpRequest.newBuilder(session).header("X-Goog-Upload-Command", "query")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(query.headers().firstValue("x-goog-upload-status")).hasValue("active");
            held = Long.parseLong(query.headers().firstValue("x-goog-upload-size-received").orElseThrow());
            Thread.sleep(held == 0 ? 20 : 0);
        }
        assertThat(held).isEqualTo(GRANULE * 2);

        HttpResponse<String> last = Http.send(HttpRequest.newBuilder(session).header("X-Goog-Upload-Command", "upload, finalize")
                .header("X-Goog-Upload-Offset", Long.toString(held))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content, (int) held, content.length - (int) held)).build());
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.headers().firstValue("x-goog-upload-status")).hasValue("final");
        var file = Http.json(last.body()).getJsonObject("file");
        assertThat(file.getString("sizeBytes")).isEqualTo(Integer.toString(content.length));
        assertThat(file.getString("displayName")).isEqualTo("cut");
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(new String(Base64.getDecoder().decode(file.getString("sha256Hash")), StandardCharsets.US_ASCII))
                .isEqualTo(hex);

        HttpResponse<byte[]> download = Http.CLIENT.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/v1beta/"
                + file.getString("name") + ":download?alt=media")).header("x-goog-api-key", "k").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(content);
    }
}
