package io.github.geminiimage.cli.internal;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a run of the command line works with, injected so that tests run it in-process: the output
 * streams, the environment (for {@code GEMINI_API_KEY}), whether stderr is a terminal, and how
 * clients are opened.
 *
 * @param out standard output
 * @param err standard error
 * @param environment the environment variables
 * @param interactive whether stderr is a terminal (then progress is shown)
 * @param clients opens the client of the chosen transport, which every command takes its port from
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> environment, boolean interactive,
        ClientFactory clients) {

    /** Copies the environment. */
    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clients, "clients");
    }
}
