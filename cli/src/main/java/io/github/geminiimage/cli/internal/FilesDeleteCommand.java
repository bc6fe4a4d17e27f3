package io.github.geminiimage.cli.internal;

import io.github.geminiimage.port.FilesPort;
import picocli.CommandLine.Command;

/** {@code gemini-image files delete NAME}: deletes a stored file. */
@Command(name = "delete", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Deletes a stored file and prints \"deleted files/...\". Deleting a file twice fails like getting one that does not exist.",
        footerHeading = "%nExample:%n",
        footer = "  gemini-image files delete files/abc123")
final class FilesDeleteCommand extends FilesSubcommand.OnFile {

    FilesDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(FilesPort files, FileReport report, String resource) {
        files.delete(resource);
        report.deleted(resource);
    }
}
