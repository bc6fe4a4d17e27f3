package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.GeminiClient;

/** Opens the client of a run: the command line's one switch between transports; every command takes its port from it. */
@FunctionalInterface
public interface ClientFactory {

    /**
     * Opens a client; the caller closes it.
     *
     * @throws UsageException when the settings cannot make a client (e.g. a real transport without a key)
     */
    GeminiClient open(TransportChoice settings);
}
