package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.BatchPort;

/** Opens the batch port for a run of a {@code batch} command; tests give one that shares a fake. */
@FunctionalInterface
public interface BatchPortFactory {

    /**
     * Opens a batch port; the caller closes it.
     *
     * @throws UsageException when the settings cannot make a port
     */
    BatchPort open(TransportChoice settings);
}
