package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.BatchPortContract;
import io.github.geminiimage.tck.http.EmulatorBatchFixture;

/** The batch contract over the Apache HttpClient 5 transport, against the emulator's Batch Mode and Files API (jobs on a virtual clock). */
class HttpClient5BatchPortContractTest extends BatchPortContract {

    @Override
    protected BatchFixture fixture() {
        return new EmulatorBatchFixture(HttpClient5Transport::create);
    }
}
