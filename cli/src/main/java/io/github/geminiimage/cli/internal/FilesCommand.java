package io.github.geminiimage.cli.internal;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gemini-image files}: the Files API (upload once, reference from any request for 48 hours).
 * Only holds the subcommands; {@link #commandLine} builds the whole group.
 */
@Command(name = "files", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Uploads, lists, shows and deletes files of the Files API (kept 48 hours, up to 2 GB each).",
            "Reference an uploaded image with edit --image files/ID.", "",
            "With the offline fake (--transport fake, or no " + ImageCommand.KEY_VARIABLE + "), files are kept in a "
                    + "folder under the system's temporary folder, so later runs see them."},
        footerHeading = "%nExamples:%n",
        footer = {"  gemini-image files upload cat.png --name \"my cat\"",
            "  gemini-image files list",
            "  gemini-image files get files/abc123 --json",
            "  gemini-image files delete files/abc123"})
final class FilesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a command: upload, list, get or delete");
    }

    /** The {@code files} group with its subcommands, each listing the exit codes in its help. */
    static CommandLine commandLine(CliContext context) {
        CommandLine files = new CommandLine(new FilesCommand())
                .addSubcommand(new FilesUploadCommand(context))
                .addSubcommand(new FilesListCommand(context))
                .addSubcommand(new FilesGetCommand(context))
                .addSubcommand(new FilesDeleteCommand(context));
        files.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        files.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL_ERROR.code());
        for (CommandLine command : files.getSubcommands().values()) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
            command.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL_ERROR.code());
        }
        return files;
    }
}
