package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code gemini-image files list}: every stored file, one line each, oldest first. */
@Command(name = "list", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Lists the stored files, one line each: name, MIME type, size, state, expiry, display name; "
                + "with --json, {\"files\": [...]}. Prints nothing when there are none."},
        footerHeading = "%nExample:%n",
        footer = "  gemini-image files list --json")
final class FilesListCommand extends FilesSubcommand {

    FilesListCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(FilesPort files, FileReport report) {
        // Pages are fetched lazily, but --json is one document, so the listing is gathered first.
        try (Stream<StoredFile> all = files.list()) {
            report.files(all.collect(Collectors.toList()));
        }
    }
}
