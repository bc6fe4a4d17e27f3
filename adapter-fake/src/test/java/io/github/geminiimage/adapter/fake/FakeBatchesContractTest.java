package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.tck.BatchPortContract;
import java.time.Instant;
import java.util.Set;

/** The fake's Batch Mode passes the contract every transport passes, on a virtual clock. */
class FakeBatchesContractTest extends BatchPortContract {

    @Override
    protected BatchFixture fixture() {
        return new BatchFixture() {
            @Override
            public BatchPort port(Set<String> failingKeys) {
                FakeBatches fake = builder().build();
                fake.when(r -> failingKeys.contains(r.key()), FakeResponse.invalidRequest("Request contains an invalid argument."));
                return fake;
            }

            @Override
            public BatchPort portWithStalledJob() {
                return builder().build().stallNextJob();
            }

            @Override
            public BatchPort portWithFailingJob(String message) {
                return builder().build().failNextJob(message);
            }

            private FakeBatches.Builder builder() {
                return FakeBatches.builder().clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z")))
                        .response(FakeResponse.image(TestImages.png(16, 16)));
            }
        };
    }
}
