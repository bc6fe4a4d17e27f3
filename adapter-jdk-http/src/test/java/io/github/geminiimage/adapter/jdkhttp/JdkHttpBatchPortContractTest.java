package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeClock;
import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.tck.BatchPortContract;
import io.github.geminiimage.tck.LoopbackBatchFixture;
import java.time.Instant;

/** The batch contract over the JDK transport, against the loopback batch server in front of the fake. */
class JdkHttpBatchPortContractTest extends BatchPortContract {

    @Override
    protected BatchFixture fixture() {
        return new LoopbackBatchFixture(JdkHttpTransport::create, (failingKeys, stall, failJob) -> {
            // The client runs on this clock too: it must not be behind real time, which the transport checks deadlines on.
            FakeClock clock = FakeClock.at(Instant.now());
            FakeFiles files = FakeFiles.builder().clock(clock).build();
            FakeBatches batches = FakeBatches.builder().clock(clock).files(files).build();
            batches.when(r -> failingKeys.contains(r.key()), FakeResponse.invalidRequest("Request contains an invalid argument."));
            if (stall) {
                batches.stallNextJob();
            }
            failJob.ifPresent(batches::failNextJob);
            return new LoopbackBatchFixture.Backend(batches, files, clock, clock::advance);
        });
    }
}
