package io.github.geminiimage.http.internal.calls.batches;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.port.batch.BatchImageFolder;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.batch.BatchResultReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch result lines decoded with their images straight into files, then saved under their keys. */
class BatchLinesToFolderTest {

    @TempDir
    Path dir;

    @Test
    void eachResponsesImageIsDecodedIntoAFileAndSavedUnderItsKey() throws IOException {
        byte[] first = png(1);
        byte[] second = png(2);
        byte[] jsonl = jsonl(List.of("sku-1", "sku/2"), List.of(first, second));
        Path staging = BatchImageFolder.staging(dir);

        List<BatchResult> results;
        try (BatchResultReader reader = new BatchResultReader(new ByteArrayInputStream(jsonl), new BatchLines().toFolder(staging))) {
            results = reader.stream().toList();
        }

        GeneratedImage decoded = results.get(0).requireResult().requireImage();
        assertThat(decoded.written().orElseThrow().path()).contains(staging.resolve("result-1.png").toAbsolutePath());
        assertThat(Files.readAllBytes(staging.resolve("result-2.png"))).isEqualTo(second);

        BatchImageFolder.save(BatchImageFolder.consuming(results.iterator()), dir);
        assertThat(Files.readAllBytes(dir.resolve("sku-1.png"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("sku%2F2.png"))).isEqualTo(second);
        // Each staged file was deleted once the next result was asked for, the last one at the end.
        try (Stream<Path> left = Files.list(staging)) {
            assertThat(left).isEmpty();
        }
        BatchImageFolder.removeStaging(staging);
        assertThat(staging).doesNotExist();
    }

    private static byte[] jsonl(List<String> keys, List<byte[]> images) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < keys.size(); i++) {
            GenerationResult result = new GenerationResult(List.of(new Candidate(0,
                    List.of(new Part.Image(GeneratedImage.of("image/png", images.get(i)), false, Optional.empty())),
                    Optional.of(FinishReason.STOP), Optional.empty(), List.of())), Optional.empty(), Usage.NONE,
                    Optional.empty(), Optional.empty());
            out.write(("{\"key\":\"" + keys.get(i) + "\",\"response\":").getBytes(StandardCharsets.UTF_8));
            GenerateContentCodec.encodeReply(result).writeTo(out);
            out.write("}\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] png(long seed) {
        byte[] bytes = new byte[50_000];
        new Random(seed).nextBytes(bytes);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, bytes, 0, 8);
        return bytes;
    }
}
