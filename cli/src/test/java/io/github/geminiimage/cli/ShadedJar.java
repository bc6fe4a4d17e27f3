package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The shaded jar ({@code cli/target/gemini-image.jar}, or the {@code gemini.image.jar} property) run as
 * users run it: {@code java -jar} in its own process and folder, stdin closed and stderr a pipe (so no
 * terminal). Shared by the jar integration tests.
 */
final class ShadedJar {

    /** What one process did. */
    record Run(int exitCode, String out, String err) {
    }

    private final Path jar;

    private ShadedJar(Path jar) {
        this.jar = jar;
    }

    /** The jar {@code mvn package} built; fails the test when it is missing. */
    static ShadedJar built() {
        Path jar = Path.of(System.getProperty("gemini.image.jar", "target/gemini-image.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (built by mvn package)").exists();
        return new ShadedJar(jar);
    }

    /**
     * Runs {@code java [jvmOptions] -jar gemini-image.jar args} in {@code dir} and waits for it (60 s at most).
     *
     * @param environment edits the process's environment, inherited from this JVM, before it starts
     */
    Run run(Path dir, List<String> jvmOptions, Consumer<Map<String, String>> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment.accept(builder.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gemini-image did not finish within 60 s: " + command);
        }
        return new Run(process.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
