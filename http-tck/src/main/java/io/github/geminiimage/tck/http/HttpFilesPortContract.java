package io.github.geminiimage.tck.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpFiles;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.tck.ClientFilesPort;
import io.github.geminiimage.tck.FilesPortContract;
import io.github.geminiimage.tck.TckSecrets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link FilesPortContract} for an HTTP transport, through {@link HttpFiles} against a
 * {@link GeminiEmulator} of its own per store, plus what only HTTP has: a chunk cut mid-body resumes and the stored
 * content is byte-identical (the server's own SHA-256), a 503 on a chunk resumes, a stream cannot
 * resume once the server lost bytes, the session URL is rewritten to the base and never shown, and
 * Vertex AI is refused. A subclass supplies only the transport.
 */
public abstract class HttpFilesPortContract extends FilesPortContract {

    /** A small granularity so that multi-chunk uploads stay small. */
    protected static final long GRANULARITY = 256 * 1024;

    private final List<GeminiEmulator> emulators = new ArrayList<>();
    private final List<HttpGeminiClient> clients = new ArrayList<>();

    /** A new transport with {@code settings}, owned by the port made over it. */
    protected abstract HttpTransport createTransport(TransportSettings settings);

    @AfterEach
    void stopEmulators() {
        clients.forEach(HttpGeminiClient::close);
        emulators.forEach(GeminiEmulator::close);
    }

    /** An emulator taking {@link TckSecrets#SENTINEL_KEY} and chunks in multiples of {@code granularity}, stopped after the test. */
    protected GeminiEmulator emulator(long granularity) {
        return emulator(b -> b.uploadGranularity(granularity));
    }

    /** An emulator taking {@link TckSecrets#SENTINEL_KEY}, set up by {@code settings}, stopped after the test. */
    protected GeminiEmulator emulator(UnaryOperator<GeminiEmulator.Builder> settings) {
        GeminiEmulator emulator = settings.apply(GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY)).start();
        emulators.add(emulator);
        return emulator;
    }

    /** A port over a new transport to {@code server}; fast polls and retries so no test waits long. */
    protected HttpFiles port(GeminiEmulator server, UnaryOperator<HttpOptions.Builder> options,
            UnaryOperator<HttpGeminiClient.Builder> builder) {
        return client(server, options, builder).files();
    }

    /** A client over a new transport to {@code server}, closed after the test. */
    protected HttpGeminiClient client(GeminiEmulator server, UnaryOperator<HttpOptions.Builder> options,
            UnaryOperator<HttpGeminiClient.Builder> builder) {
        HttpOptions built = options.apply(HttpOptions.builder().baseUri(server.baseUri())
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(20), 2, Duration.ofMillis(200)))
                .overallDeadline(Duration.ofSeconds(30))).build();
        HttpGeminiClient client = builder.apply(HttpGeminiClient.builder(createTransport(built.transportSettings()),
                ApiKey.of(TckSecrets.SENTINEL_KEY)).options(built).ownsTransport(true).pollInterval(Duration.ofMillis(50)))
                .build();
        clients.add(client);
        return client;
    }

    /** The contract's port: the files view, whose close() here closes its client (the view's own does nothing). */
    private FilesPort port(GeminiEmulator server) {
        return new ClientFilesPort(client(server, o -> o, b -> b));
    }

    @Override
    protected FilesFixture fixture() {
        return new FilesFixture() {
            @Override
            public FilesPort emptyStore() {
                return port(emulator(8 * 1024 * 1024));
            }

            @Override
            public FilesPort storeProcessingFor(int polls) {
                return port(emulator(8 * 1024 * 1024).fileProcessing(polls, Optional.empty()));
            }

            @Override
            public FilesPort storeNeverFinishingProcessing() {
                return port(emulator(8 * 1024 * 1024).fileProcessing(Integer.MAX_VALUE, Optional.empty()));
            }

            @Override
            public FilesPort storeFailingProcessing(String message) {
                return port(emulator(8 * 1024 * 1024).fileProcessing(0, Optional.of(message)));
            }
        };
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aChunkCutMidBodyResumesFromWhatTheServerHoldsAndTheStoredContentIsByteIdentical(boolean async) throws Exception {
        byte[] bytes = content((int) (GRANULARITY * 9 + 777), 40);
        GeminiEmulator server = emulator(GRANULARITY).cutNextUploadChunkAfter(GRANULARITY * 2 + 1000);
        HttpFiles files = port(server, o -> o, b -> b.chunkSize(GRANULARITY * 4));
        List<Long> reports = new ArrayList<>();
        FileUpload upload = FileUpload.fromFile(write("cut.bin", bytes)).build();

        StoredFile stored = async ? files.uploadAsync(upload, (sent, total) -> reports.add(sent)).get(30, TimeUnit.SECONDS)
                : files.upload(upload, (sent, total) -> reports.add(sent));

        assertThat(server.uploadCuts()).isEqualTo(1);
        // 4-granule chunks; the cut keeps 2 whole granules; then 4 more, then the last 3 and 777 bytes.
        assertThat(server.uploadCommands()).containsExactly("upload@0", "query", "upload@" + GRANULARITY * 2,
                "finalize@" + GRANULARITY * 6);
        assertThat(server.storedSha256(stored.name())).contains(Sha256.of(bytes).hex());
        assertThat(stored.sha256()).contains(Sha256.of(bytes));
        assertThat(reports).contains(GRANULARITY * 2).endsWith((long) bytes.length);
    }

    @Test
    void aChunkAnswered503IsResumedAfterAQuery() throws IOException {
        byte[] bytes = content((int) (GRANULARITY * 3 + 5), 41);
        GeminiEmulator server = emulator(GRANULARITY).failNextUploadChunks(1);
        HttpFiles files = port(server, o -> o, b -> b.chunkSize(GRANULARITY));

        StoredFile stored = files.upload(FileUpload.fromFile(write("503.bin", bytes)).build());

        assertThat(server.uploadCommands()).startsWith("upload@0", "query", "upload@0", "upload@" + GRANULARITY);
        assertThat(server.storedSha256(stored.name())).contains(Sha256.of(bytes).hex());
    }

    @Test
    void aCutStreamUploadCannotResumeAndSaysSo() {
        byte[] bytes = content((int) (GRANULARITY * 3), 42);
        GeminiEmulator server = emulator(GRANULARITY).cutNextUploadChunkAfter(GRANULARITY + 10);
        HttpFiles files = port(server, o -> o, b -> b.chunkSize(GRANULARITY * 2));
        FileUpload upload = FileUpload.fromStream(new ByteArrayInputStream(bytes), bytes.length).mimeType("image/png").build();

        assertThatThrownBy(() -> files.upload(upload)).isInstanceOf(TransportException.class)
                .hasMessageContaining("stream").hasMessageContaining("upload from a file");
        assertThat(server.uploadCommands()).endsWith("cancel");
        assertThat(files.list().toList()).isEmpty();
    }

    @Test
    void retriesExhaustedWithoutProgressFailWithTheLastError() throws IOException {
        byte[] bytes = content((int) GRANULARITY * 2, 43);
        GeminiEmulator server = emulator(GRANULARITY).failNextUploadChunks(10);
        HttpFiles files = port(server, o -> o.retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(10), 1, Duration.ofMillis(10))), b -> b.chunkSize(GRANULARITY));

        assertThatThrownBy(() -> files.upload(FileUpload.fromFile(write("fail.bin", bytes)).build()))
                .isInstanceOf(ImageGenerationException.class).hasMessageContaining("unavailable");
        assertThat(server.uploadCommands().stream().filter(c -> c.startsWith("upload@"))).hasSize(3);
        assertThat(files.list().toList()).isEmpty();
    }

    @Test
    void theSessionUrlIsRewrittenToTheBaseAndNeverShownEvenWhenItCarriesTheKey() throws IOException {
        GeminiEmulator server = emulator(b -> b.uploadGranularity(GRANULARITY)
                .uploadUrlBase(URI.create("https://generativelanguage.googleapis.com"))).failNextUploadChunks(5);
        HttpFiles files = port(server, o -> o.authScheme(AuthScheme.QUERY_PARAMETER)
                .retryPolicy(RetryPolicy.noRetries()), b -> b.chunkSize(GRANULARITY));
        byte[] bytes = content(1000, 44);

        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                () -> files.upload(FileUpload.fromFile(write("s.bin", bytes)).build()));

        // Without the failure the loop below would check nothing.
        assertThat(e).as("the upload answered 503 without retries").isInstanceOf(ImageGenerationException.class)
                .hasMessageContaining("currently unavailable");
        assertThat(server.uploadCommands()).startsWith("finalize@0"); // it reached the loopback, not Google
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("upload_id").doesNotContain(TckSecrets.SENTINEL_KEY);
        }
        assertThat(files.toString()).doesNotContain("upload_id");
    }

    @Test
    void aSessionUrlNamingAnotherHostIsRefusedBeforeAnyByteIsSent() throws IOException {
        GeminiEmulator server = emulator(b -> b.uploadGranularity(GRANULARITY).uploadUrlBase(URI.create("https://evil.example")));
        HttpFiles files = port(server, o -> o, b -> b);

        assertThatThrownBy(() -> files.upload(FileUpload.fromFile(write("h.bin", content(10, 45))).build()))
                .isInstanceOf(ImageGenerationException.class).hasMessageContaining("another host")
                .hasMessageNotContaining("evil.example").hasMessageNotContaining("upload_id");
        assertThat(server.uploadCommands()).isEmpty();
    }

    @Test
    void aFileThatChangesSizeDuringTheUploadFails() throws IOException {
        byte[] bytes = content((int) GRANULARITY * 3, 46);
        Path path = write("grow.bin", bytes);
        GeminiEmulator server = emulator(GRANULARITY);
        HttpFiles files = port(server, o -> o, b -> b.chunkSize(GRANULARITY));
        FileUpload upload = FileUpload.fromFile(path).build();

        assertThatThrownBy(() -> files.upload(upload, (sent, total) -> {
            if (sent == GRANULARITY) {
                try {
                    Files.write(path, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        })).isInstanceOf(InvalidRequestException.class).hasMessageContaining("changed size");
        assertThat(files.list().toList()).isEmpty();
    }

    @Test
    void everyCallOnVertexIsRefusedBeforeSending() {
        GeminiEmulator server = emulator(GRANULARITY);
        HttpFiles files = port(server, o -> o.endpoint(Endpoint.vertex("my-project", "us-central1")), b -> b);

        assertThatThrownBy(() -> files.get("files/abc")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("gs://");
        assertThatThrownBy(() -> files.list().findFirst()).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> files.getAsync("files/abc").join()).hasCauseInstanceOf(InvalidRequestException.class);
        assertThat(server.uploadCommands()).isEmpty();
    }
}
