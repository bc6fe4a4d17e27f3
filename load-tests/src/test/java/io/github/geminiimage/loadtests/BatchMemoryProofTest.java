package io.github.geminiimage.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded-memory proof of batch results: at toy size on every build, so the harness
 * does not rot; at full size (16 x 25 MB images, a 533 MB results file, a client heap of 128 MB) only
 * when asked: {@code mvn -B -pl load-tests -am test -Dtest=BatchMemoryProofTest -Dbatch.memory=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. The figures are in benchmarks/RESULTS.md.
 */
class BatchMemoryProofTest {

    @TempDir
    Path dir;

    @Test
    void aSmallBatchIsSavedFromAFileAndFromInlineResponsesInASmallHeap() throws Exception {
        assertThat(BatchMemoryProof.run(3, 100_000, dir, "-Xmx128m")).isTrue();
    }

    @Test
    @EnabledIfSystemProperty(named = "batch.memory", matches = "true")
    void halfAGigabyteOfFourKImagesIsSavedWithAHeapOf128Megabytes() throws Exception {
        assertThat(BatchMemoryProof.run(16, 25_000_000, dir, "-Xmx128m")).isTrue();
    }
}
