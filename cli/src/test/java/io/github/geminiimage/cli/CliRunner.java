package io.github.geminiimage.cli;

import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.cli.internal.ClientFactory;
import io.github.geminiimage.cli.internal.ClientViews;
import io.github.geminiimage.cli.internal.TransportChoice;
import io.github.geminiimage.port.ImageGenerationPort;
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
    private ClientFactory clients = new Transports();

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

    /** Image ports from {@code images}, with a fresh fake store and batch fake beside each (closed with the run's client). */
    CliRunner portFactory(java.util.function.Function<TransportChoice, ImageGenerationPort> images) {
        this.clients = settings -> {
            ImageGenerationPort port = images.apply(settings);
            FakeFiles files = FakeFiles.create();
            FakeBatches batches = FakeBatches.builder().files(files).build();
            return new ClientViews(port, files, batches, () -> {
                port.close();
                batches.close();
                files.close();
            });
        };
        return this;
    }

    CliRunner clients(ClientFactory factory) {
        this.clients = factory;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new Cli(new CliContext(outStream, errStream, environment, interactive, clients)).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
