package io.github.geminiimage.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gemini-image}: the top command, which only holds the subcommands. */
@Command(name = "gemini-image", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Generates and edits images with Gemini image models.", "",
            "The key is read from the environment variable GEMINI_API_KEY, never from the command line.",
            "Without it (and without --transport), the offline fake answers with drawn test images."})
final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Cli.chooseCommand(spec);
    }
}
