package io.github.geminiimage.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.httpclient5.HttpClient5GeminiClient;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.TckSecrets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Files API's memory proof: a file of {@code files.big.mb} MiB (512 by default)
 * uploaded by each transport to the loopback Files API under the heap the {@code big-uploads}
 * profile gives the test JVM (-Xmx64m), its first chunk cut mid-body and resumed; the server's
 * SHA-256 of what it stored must equal the file's. Gated: it writes a gigabyte to the temp directory
 * and takes about a minute. Figures go to {@code target/big-upload.txt}.
 */
@EnabledIfSystemProperty(named = "files.big", matches = "true")
class BigUploadMemoryTest {

    private static final long MIB = 1024 * 1024;
    /** The heap the {@code big-uploads} profile gives: the peak of both sides must stay within it. */
    private static final long PEAK_HEAP_BOUND = 64 * MIB;
    private static Path file;
    private static String hex;
    private static long size;

    @BeforeAll
    static void writeTheFile() throws Exception {
        size = Long.getLong("files.big.mb", 512) * MIB;
        file = Files.createTempFile("big-upload-", ".bin");
        hex = RandomFile.write(file, size, 10);
    }

    @AfterAll
    static void deleteTheFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void aHalfGigabyteUploadRunsInASmallHeapAndResumesByteIdentical(String transport) throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (GeminiEmulator server = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).uploadGranularity(8 * MIB).start()
                .cutNextUploadChunkAfter(3 * MIB + 12345);
                GeminiClient client = client(transport, server.baseUri())) {
            FilesPort files = client.files();
            long start = System.nanoTime();
            StoredFile stored = files.upload(FileUpload.fromFile(file).mimeType("application/octet-stream").build());
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(stored.sizeBytes()).isEqualTo(size);
            assertThat(server.uploadCuts()).isEqualTo(1);
            assertThat(server.storedSha256(stored.name())).contains(hex);
            assertThat(stored.sha256().map(Sha256::hex)).contains(hex);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            String line = String.format("%s: %d MiB uploaded in %.1f s (%.0f MiB/s incl. the emulator's disk writes),"
                    + " one cut resumed, -Xmx %d MiB, peak heap (sum of pool peaks, client and server in one JVM) %d MiB%n",
                    transport, size / MIB, seconds, size / MIB / seconds, Runtime.getRuntime().maxMemory() / MIB,
                    peakHeap / MIB);
            System.out.print(line);
            Files.writeString(Path.of("target", "big-upload.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            // The bound the proof is about: client and server together peaked within the profile's
            // 64 MiB heap (measured 40-49 MiB), and far below the file, so nothing held it whole.
            assertThat(peakHeap).as("peak heap, sum of pool peaks").isLessThanOrEqualTo(PEAK_HEAP_BOUND)
                    .isLessThan(size / 4);
        }
    }

    private static GeminiClient client(String transport, URI base) {
        return transport.equals("jdk")
                ? JdkHttpGeminiClient.builder().apiKey(TckSecrets.SENTINEL_KEY).baseUri(base).build()
                : HttpClient5GeminiClient.builder().apiKey(TckSecrets.SENTINEL_KEY).baseUri(base).build();
    }
}
