package io.github.geminiimage.adapter.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.domain.BatchInputMode;
import io.github.geminiimage.domain.BatchJob;
import io.github.geminiimage.domain.BatchSubmitOptions;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.KeyedRequest;
import io.github.geminiimage.http.batch.HttpBatches;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.tck.BatchWireServer;
import io.github.geminiimage.tck.TckSecrets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code HttpBatches.from(builder)} takes the adapter builder's base, key and options. */
class BatchesFromBuilderTest {

    @Test
    void aBatchPortFromTheAdaptersBuilderSubmitsToItsBaseWithItsKey() throws Exception {
        FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        FakeFiles files = FakeFiles.builder().clock(clock).build();
        FakeBatches backend = FakeBatches.builder().clock(clock).files(files).build();
        try (BatchWireServer server = BatchWireServer.start(backend, files);
                BatchPort batches = HttpBatches.from(JdkHttpImageGeneration.builder()
                        .apiKey(TckSecrets.SENTINEL_KEY).baseUri(server.baseUri()))) {
            GenerationRequest request = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("A red mug").build();

            BatchJob job = batches.submit("mugs", "gemini-2.5-flash-image", List.of(KeyedRequest.of("sku-1", request)),
                    BatchSubmitOptions.via(BatchInputMode.INLINE));

            assertThat(batches.get(job.name()).name()).isEqualTo(job.name());
            assertThat(server.requests()).anySatisfy(line -> assertThat(line).contains(":batchGenerateContent"));
        }
    }

    @Test
    void withoutCredentialsTheBuilderSaysWhatIsMissing() {
        assertThatThrownBy(() -> HttpBatches.from(JdkHttpImageGeneration.builder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey");
    }
}
