package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.tck.FilesPortContract;
import java.time.Duration;
import java.time.Instant;

/** The fake's Files API store passes the contract every transport passes. */
class FakeFilesContractTest extends FilesPortContract {

    private static final Duration POLL = Duration.ofSeconds(1);

    @Override
    protected FilesFixture fixture() {
        return new FilesFixture() {
            @Override
            public FilesPort emptyStore() {
                return FakeFiles.create();
            }

            @Override
            public FilesPort storeProcessingFor(int polls) {
                return processing(POLL.multipliedBy(polls)).build();
            }

            @Override
            public FilesPort storeNeverFinishingProcessing() {
                return processing(Duration.ofDays(365)).build();
            }

            @Override
            public FilesPort storeFailingProcessing(String message) {
                return processing(POLL).build().failProcessingOfNextUpload(message);
            }

            private FakeFiles.Builder processing(Duration time) {
                return FakeFiles.builder().clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z")))
                        .processingTime(time).pollInterval(POLL);
            }
        };
    }
}
