package io.github.geminiimage.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gemini-image}: the top command, which only holds the subcommands. */
@Command(name = "gemini-image", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Generates and edits images with Gemini image models.", "",
            "The key is read from the environment variable GEMINI_API_KEY, never from the command line.",
            "Without it (and without --transport), the offline fake answers with drawn test images."})
final class TopCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a command: generate, edit or files");
    }
}
