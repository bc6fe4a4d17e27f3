package io.github.geminiimage.cli;

import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.cli.internal.ExitCode;
import io.github.geminiimage.cli.internal.Transports;

/**
 * The {@code gemini-image} program: {@code generate} and {@code edit} over the fake or an HTTP
 * transport. Run {@code gemini-image --help} for the options and exit codes.
 */
public final class GeminiImageCli {

    private GeminiImageCli() {
    }

    // Made before any call: printing it must not need the heap that just ran out.
    private static final String OUT_OF_MEMORY = "gemini-image: out of memory: the Java heap ("
            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB) is too small for this call; "
            + "raise it, e.g. JAVA_TOOL_OPTIONS=-Xmx256m";

    /**
     * Runs the command line and exits with its exit code. A heap too small for the call is one
     * line on stderr and exit code {@link ExitCode#OUT_OF_MEMORY} (19), wherever it ran out (a
     * transport's own thread included), never a stack trace.
     */
    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (ExitCode.outOfMemory(e)) {
                System.err.println(OUT_OF_MEMORY);
                Runtime.getRuntime().halt(ExitCode.OUT_OF_MEMORY.code());
            }
            // Anything else as the JVM reports it by default.
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace(System.err);
        });
        int code;
        try {
            CliContext context = new CliContext(System.out, System.err, System.getenv(),
                    System.console() != null, new Transports());
            code = new Cli(context).run(args);
        } catch (OutOfMemoryError e) {
            System.err.println(OUT_OF_MEMORY);
            code = ExitCode.OUT_OF_MEMORY.code();
        }
        System.exit(code);
    }
}
