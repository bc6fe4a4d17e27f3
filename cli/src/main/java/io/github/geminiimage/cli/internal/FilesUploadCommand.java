package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gemini-image files upload PATH}: stores a file and prints its name ({@code files/...}) first. */
@Command(name = "upload", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Uploads a file to the Files API (up to 2 GB, kept 48 hours) and prints its name (files/...) "
                + "as the first word of stdout; with --json, the file resource.",
            "On a terminal, stderr shows a progress bar (bytes, rate, time left)."},
        footerHeading = "%nExample:%n",
        footer = {"  NAME=$(gemini-image files upload cat.png --name \"my cat\" | cut -d' ' -f1)",
            "  gemini-image edit --image \"$NAME\" --prompt \"Add a wizard hat\" --out hat.png"})
final class FilesUploadCommand extends FilesSubcommand {

    @Parameters(index = "0", paramLabel = "PATH", description = "The file to upload.")
    Path path;

    @Option(names = "--mime", paramLabel = "TYPE",
            description = "Its MIME type, e.g. image/png or application/jsonl. Default: sniffed for images, else from the extension.")
    String mime;

    @Option(names = "--name", paramLabel = "DISPLAY_NAME", description = "A display name (at most 512 characters).")
    String displayName;

    FilesUploadCommand(CliContext context) {
        super(context);
    }

    @Override
    void run(FilesPort files, FileReport report) {
        FileUpload.Builder builder = FileUpload.fromFile(path);
        if (mime != null) {
            builder.mimeType(mime);
        }
        if (displayName != null) {
            builder.displayName(displayName);
        }
        FileUpload upload;
        try {
            upload = builder.build();
        } catch (InvalidRequestException e) {
            if (mime == null && e.field().filter("mimeType"::equals).isPresent()) {
                throw new InvalidRequestException("mimeType", "the type of " + path + " is not known from its content or "
                        + "extension: pass it with --mime TYPE (e.g. --mime text/markdown, --mime application/pdf)", e);
            }
            throw e;
        }
        StoredFile file;
        String label = "uploading " + (path.getFileName() == null ? path : path.getFileName());
        try (UploadBar bar = new UploadBar(context.err(), context.interactive(), ImageCommand.terminalColumns(context),
                label, System::nanoTime)) {
            file = files.upload(upload, bar);
        }
        report.file(file, List.of(summary(file), "  uri: " + file.uri()));
    }
}
