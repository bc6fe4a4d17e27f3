package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code gemini-image files get NAME}: one file's metadata. */
@Command(name = "get", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Shows a stored file: its summary line (name first), then URI, SHA-256 and times; with --json, the file resource.",
        footerHeading = "%nExample:%n",
        footer = "  gemini-image files get files/abc123")
final class FilesGetCommand extends FilesSubcommand.OnFile {

    FilesGetCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(FilesPort files, FileReport report, String resource) {
        StoredFile file = files.get(resource);
        List<String> lines = new ArrayList<>();
        lines.add(summary(file));
        lines.add("  uri: " + file.uri());
        file.sha256().ifPresent(s -> lines.add("  sha256: " + s.hex()));
        file.createTime().ifPresent(t -> lines.add("  created: " + t));
        file.updateTime().ifPresent(t -> lines.add("  updated: " + t));
        file.source().ifPresent(s -> lines.add("  source: " + s.value()));
        file.error().ifPresent(e -> lines.add("  error: " + e.message()));
        report.file(file, lines);
    }
}
