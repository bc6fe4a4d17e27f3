package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;

/** Opens the ports for a run; the command line's one switch between transports. */
@FunctionalInterface
public interface PortFactory {

    /**
     * Opens a port; the caller closes it.
     *
     * @throws UsageException when the settings cannot make a port (e.g. a real transport without a key)
     */
    ImageGenerationPort open(TransportChoice settings);

    /**
     * Opens the files port of the transport; the caller closes it. This default has none (a factory
     * made for tests of generating only); {@link Transports} has the real one.
     *
     * @throws UsageException when the settings cannot make a files port
     */
    default FilesPort openFiles(TransportChoice settings) {
        throw new UsageException("this build has no Files API for the " + settings.transport() + " transport");
    }
}
