package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.SENTINEL_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.file.FileUpload;
import java.io.ByteArrayInputStream;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resumable upload URL is a credential: it shows up nowhere, and chunks go only where the start went. */
class HttpFilesSecretsTest {

    private static final String UPLOAD_ID = "SECRET-UPLOAD-ID-5c1e";
    private static final String UPLOAD_URL = "https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id="
            + UPLOAD_ID + "&upload_protocol=resumable&key=" + SENTINEL_KEY;

    private static HttpFiles files(Fixture fx, java.util.function.UnaryOperator<HttpOptions.Builder> options) {
        HttpOptions built = options.apply(HttpOptions.builder().observer(fx.observer).retryPolicy(RetryPolicy.noRetries()))
                .build();
        return HttpGeminiClient.builder(fx.transport, ApiKey.of(SENTINEL_KEY)).options(built).clock(fx.clock).sleeper(fx.sleeper)
                .random(Fixture.halfJitter()).executor(fx.scheduler).build().files();
    }

    private static FileUpload upload() {
        return FileUpload.fromStream(new ByteArrayInputStream(new byte[100]), 100).mimeType("image/png").build();
    }

    private static void started(FakeTransport t) {
        t.reply(200, "", "x-goog-upload-url", UPLOAD_URL, "x-goog-upload-status", "active",
                "x-goog-upload-chunk-granularity", "8388608");
    }

    @ParameterizedTest(name = "scenario {0}")
    @ValueSource(ints = {0, 1, 2})
    void theUploadUrlAppearsInNoExceptionCauseOrObserverEvent(int scenario) {
        Consumer<FakeTransport> chunkFails = switch (scenario) {
            case 0 -> t -> t.fail(new SocketException("Connection reset talking to " + UPLOAD_URL));
            case 1 -> t -> t.reply(503, "{\"error\":{\"code\":503,\"message\":\"upstream " + UPLOAD_URL
                    + " failed\",\"status\":\"UNAVAILABLE\"}}");
            default -> t -> t.reply(404, "<html>Not found: " + UPLOAD_URL + "</html>");
        };
        for (boolean async : new boolean[] {false, true}) {
            Fixture fx = new Fixture();
            started(fx.transport);
            chunkFails.accept(fx.transport);
            fx.transport.always(200, "", "x-goog-upload-status", "cancelled");
            Throwable thrown;
            try (HttpFiles files = files(fx, o -> o)) {
                if (async) {
                    CompletableFuture<?> future = files.uploadAsync(upload(), (s, t) -> { });
                    thrown = catchThrowable(() -> future.get(10, java.util.concurrent.TimeUnit.SECONDS)).getCause();
                } else {
                    thrown = catchThrowable(() -> files.upload(upload()));
                }
                assertThat(files.toString()).doesNotContain(UPLOAD_ID);
            }
            assertThat(thrown).as("async=" + async).isInstanceOf(ImageGenerationException.class);
            assertNoSecret(thrown);
            fx.observer.completions.stream().filter(c -> c.failure() != null)
                    .forEach(c -> assertNoSecret(c.failure()));
            assertThat(fx.transport.requests.get(1).request().uri().toString()).contains(UPLOAD_ID);
        }
    }

    @Test
    void chunksGoToTheConfiguredBaseEvenWhenTheSessionUrlNamesGooglesHost() {
        Fixture fx = new Fixture();
        started(fx.transport);
        fx.transport.reply(200, "{\"file\":{\"name\":\"files/abc\",\"uri\":\"https://x/v1beta/files/abc\",\"mimeType\":"
                + "\"image/png\",\"sizeBytes\":\"100\",\"state\":\"ACTIVE\"}}", "x-goog-upload-status", "final");
        try (HttpFiles files = files(fx, o -> o.baseUri(java.net.URI.create("https://proxy.example:8443/gemini")))) {
            assertThat(files.upload(upload()).name()).isEqualTo("files/abc");
        }
        assertThat(fx.transport.requests.get(0).request().uri().toString())
                .startsWith("https://proxy.example:8443/gemini/upload/v1beta/files");
        assertThat(fx.transport.requests.get(1).request().uri().toString())
                .startsWith("https://proxy.example:8443/gemini/upload/v1beta/files?upload_id=" + UPLOAD_ID);
    }

    @Test
    void aSessionUrlOnAnotherHostIsRefusedAndNotShown() {
        Fixture fx = new Fixture();
        fx.transport.reply(200, "", "x-goog-upload-url", "https://attacker.example/upload?upload_id=" + UPLOAD_ID);
        try (HttpFiles files = files(fx, o -> o)) {
            Throwable thrown = catchThrowable(() -> files.upload(upload()));
            assertThat(thrown).isInstanceOf(MalformedResponseException.class).hasMessageContaining("another host");
            assertNoSecret(thrown);
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    private static void assertNoSecret(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(UPLOAD_ID).doesNotContain(SENTINEL_KEY);
            assertThat(t.toString()).doesNotContain(UPLOAD_ID);
            if (t instanceof ImageGenerationException e) {
                assertThat(e.bodyExcerpt().orElse("")).doesNotContain(UPLOAD_ID).doesNotContain(SENTINEL_KEY);
            }
        }
    }
}
