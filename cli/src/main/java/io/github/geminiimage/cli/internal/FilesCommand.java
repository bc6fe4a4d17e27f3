package io.github.geminiimage.cli.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
final class FilesCommand implements Callable<Integer> {

    /** What the exit codes mean to the {@code files} commands. */
    static final Map<String, String> EXIT_CODES = ExitCode.helpList(List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR, ExitCode.USAGE,
            ExitCode.INVALID_REQUEST, ExitCode.AUTHENTICATION, ExitCode.PERMISSION_DENIED, ExitCode.NOT_FOUND,
            ExitCode.RATE_LIMITED, ExitCode.SERVER_ERROR, ExitCode.TIMEOUT, ExitCode.TRANSPORT, ExitCode.MALFORMED_RESPONSE,
            ExitCode.RESPONSE_TOO_LARGE, ExitCode.FILE_ERROR), Map.of(
                    ExitCode.OK, "done",
                    ExitCode.INVALID_REQUEST, "invalid request: the PATH does not exist, its type is unknown (pass --mime), "
                            + "or the server refused it (400)",
                    ExitCode.PERMISSION_DENIED, "the Files API does not hold the file, or the key may not use it (403)",
                    ExitCode.NOT_FOUND, "no such file (get, delete), or the base URL has no Files API (upload, list) (404)",
                    ExitCode.RATE_LIMITED, "rate limit, quota or the 20 GB of file storage reached (429), after the retries",
                    ExitCode.MALFORMED_RESPONSE, "the reply was not a valid Files API response",
                    ExitCode.FILE_ERROR, "a local file problem: the file to upload cannot be read, or the offline fake cannot keep it"));

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Cli.chooseCommand(spec);
    }

    /** The {@code files} group with its subcommands, each listing the exit codes in its help. */
    static CommandLine commandLine(CliContext context) {
        CommandLine files = new CommandLine(new FilesCommand())
                .addSubcommand(new FilesUploadCommand(context))
                .addSubcommand(new FilesListCommand(context))
                .addSubcommand(new FilesGetCommand(context))
                .addSubcommand(new FilesDeleteCommand(context));
        Cli.exitCodes(files, EXIT_CODES);
        for (CommandLine command : files.getSubcommands().values()) {
            Cli.exitCodes(command, EXIT_CODES);
        }
        return files;
    }
}
