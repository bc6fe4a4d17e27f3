package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.port.BatchPort;

/**
 * The standard {@link BatchPortFactory}. The fake keeps its jobs in this process only, so with
 * {@code --transport fake} each command starts with no jobs.
 */
public final class BatchTransports implements BatchPortFactory {

    @Override
    public BatchPort open(TransportSettings settings) {
        switch (settings.transport()) {
            case FAKE:
                return FakeBatches.create();
            case JDK:
            case HTTPCLIENT5:
                // PHASE 2 (engine merge): open the HTTP batch port of the chosen transport here.
                throw new UsageException("batch over HTTP arrives with the engine merge: the " + settings.transport()
                        + " transport has no batch port yet; use --transport fake to try the commands offline");
            default:
                throw new IllegalStateException("no batch port for transport " + settings.transport());
        }
    }
}
