package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.BatchPortContract;
import io.github.geminiimage.tck.http.EmulatorBatchFixture;

/** The batch contract over the JDK transport, against the emulator's Batch Mode and Files API (jobs on a virtual clock). */
class JdkHttpBatchPortContractTest extends BatchPortContract {

    @Override
    protected BatchFixture fixture() {
        return new EmulatorBatchFixture(JdkHttpTransport::create);
    }
}
