package io.github.geminiimage.cli;

import io.github.geminiimage.cli.internal.BatchPortFactory;
import io.github.geminiimage.cli.internal.BatchTransports;
import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.cli.internal.PortFactory;
import io.github.geminiimage.cli.internal.Transports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process with captured streams, a chosen environment and terminal flag. */
final class CliRunner {

    /** What one run did. */
    record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private boolean interactive;
    private PortFactory portFactory = new Transports();
    private BatchPortFactory batchPorts = new BatchTransports();

    CliRunner withKey(String key) {
        environment.put("GEMINI_API_KEY", key);
        return this;
    }

    CliRunner withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRunner interactive(boolean terminal) {
        this.interactive = terminal;
        return this;
    }

    CliRunner portFactory(PortFactory factory) {
        this.portFactory = factory;
        return this;
    }

    CliRunner batchPorts(BatchPortFactory factory) {
        this.batchPorts = factory;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new Cli(new CliContext(outStream, errStream, environment, interactive, portFactory), batchPorts).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
