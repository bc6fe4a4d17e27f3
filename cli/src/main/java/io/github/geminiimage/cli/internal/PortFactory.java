package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.ImageGenerationPort;

/** Opens the port for a run; the command line's one switch between transports. */
@FunctionalInterface
public interface PortFactory {

    /**
     * Opens a port; the caller closes it.
     *
     * @throws UsageException when the settings cannot make a port (e.g. a real transport without a key)
     */
    ImageGenerationPort open(TransportSettings settings);
}
