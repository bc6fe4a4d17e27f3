package io.github.geminiimage.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's Files API in constant memory: a file of {@code files.big.mb} MiB (512 by default;
 * 2048 is the Files API's limit) uploaded by the JDK transport to an emulator in the same JVM, under
 * the {@code big-uploads} profile's -Xmx64m, then downloaded again; both digests must match. Gated
 * like BigUploadMemoryTest (it writes the file three times to disk). Figures go to
 * {@code target/big-upload.txt}.
 *
 * <pre>
 * mvn -B -P big-uploads -pl load-tests -am test -Dtest=EmulatorBigUploadTest -Dsurefire.failIfNoSpecifiedTests=false -Dfiles.big.mb=2048
 * </pre>
 */
@EnabledIfSystemProperty(named = "files.big", matches = "true")
class EmulatorBigUploadTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aBigUploadAndDownloadThroughTheEmulatorRunInASmallHeap() throws Exception {
        long size = Long.getLong("files.big.mb", 512) * MIB;
        Path file = dir.resolve("big.bin");
        String hex = RandomFile.write(file, size, 11);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey("big").dataDir(dir.resolve("data")).start();
                GeminiClient client = JdkHttpGeminiClient.builder().apiKey("big").baseUri(emulator.baseUri()).build()) {
            FilesPort files = client.files();
            long start = System.nanoTime();
            StoredFile stored = files.upload(FileUpload.fromFile(file).mimeType("application/octet-stream").build());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(stored.sizeBytes()).isEqualTo(size);
            assertThat(stored.sha256().map(Sha256::hex)).contains(hex);
            Files.delete(file);
            Path back = dir.resolve("back.bin");
            assertThat(files.download(stored.name(), back)).isEqualTo(size);
            assertThat(RandomFile.sha256(back)).isEqualTo(hex);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            String line = String.format("emulator: %d MiB uploaded in %.1f s and downloaded again, -Xmx %d MiB, peak heap "
                    + "(sum of pool peaks, client and emulator in one JVM) %d MiB%n", size / MIB, seconds,
                    Runtime.getRuntime().maxMemory() / MIB, peakHeap / MIB);
            System.out.print(line);
            Files.writeString(Path.of("target", "big-upload.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
