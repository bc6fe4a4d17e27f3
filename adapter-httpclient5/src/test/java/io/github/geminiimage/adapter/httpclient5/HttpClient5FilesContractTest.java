package io.github.geminiimage.adapter.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.TckSecrets;
import io.github.geminiimage.tck.http.HttpFilesPortContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HttpClient5FilesContractTest extends HttpFilesPortContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return HttpClient5Transport.create(settings);
    }

    @Test
    void theAdaptersClientHasAFilesView() throws Exception {
        GeminiEmulator server = emulator(8 * 1024 * 1024);
        Path path = Files.write(dir.resolve("built.bin"), content(1234, 50));
        try (GeminiClient gemini = HttpClient5GeminiClient.builder().apiKey(TckSecrets.SENTINEL_KEY).baseUri(server.baseUri()).build()) {
            FilesPort files = gemini.files();
            StoredFile stored = files.upload(FileUpload.fromFile(path).mimeType("image/png").build());

            assertThat(stored.sizeBytes()).isEqualTo(1234);
            assertThat(files.get(stored.name())).isEqualTo(stored);
        }
    }
}
