package io.github.geminiimage.cli;

import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.cli.internal.Transports;

/**
 * The {@code gemini-image} program: {@code generate} and {@code edit} over the fake or an HTTP
 * transport. Run {@code gemini-image --help} for the options and exit codes.
 */
public final class GeminiImageCli {

    private GeminiImageCli() {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        CliContext context = new CliContext(System.out, System.err, System.getenv(),
                System.console() != null, new Transports());
        System.exit(new Cli(context).run(args));
    }
}
