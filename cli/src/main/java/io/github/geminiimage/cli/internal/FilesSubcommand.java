package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the {@code files} subcommands share: the transport options and {@code --json}, opening the
 * files port, and turning every failure into its exit code and one line on stderr.
 */
abstract class FilesSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Mixin
    TransportOptions transportOptions = new TransportOptions();

    final CliContext context;

    FilesSubcommand(CliContext context) {
        this.context = context;
    }

    /** Runs the command with an open files port and writes its result. */
    abstract void run(FilesPort files, FileReport report);

    @Override
    public Integer call() {
        FileReport report = new FileReport(spec.qualifiedName(" ").replaceFirst("^gemini-image ", ""), context.out(),
                context.err(), json);
        try {
            TransportChoice settings = transportOptions.settings(context, Optional.empty(),
                    "keeps its files in the system's temporary folder");
            try (GeminiClient client = context.clients().open(settings)) {
                run(client.files(), report);
            }
            return ExitCode.OK.code();
        } catch (UsageException e) {
            return report.error(ExitCode.USAGE, e.getMessage(), "see gemini-image " + report.command() + " --help").code();
        } catch (FileProblem e) {
            return report.error(ExitCode.FILE_ERROR, e.getMessage(), null).code();
        } catch (ImageGenerationException e) {
            return report.failure(e).code();
        } catch (RuntimeException e) {
            return report.error(ExitCode.INTERNAL_ERROR, "internal error: " + e, "please report this with the command you ran").code();
        }
    }

    /** A resource name as given, or {@code files/} added to a bare id; checked by the port. */
    static String resourceName(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("files/") ? trimmed : "files/" + trimmed;
    }

    /** The shared {@code files/...} summary line of a file. */
    static String summary(StoredFile file) {
        return file.name() + "  " + file.mimeType() + "  " + ByteSizes.human(file.sizeBytes()) + "  " + file.state()
                + file.expirationTime().map(t -> "  expires " + t.truncatedTo(ChronoUnit.SECONDS)).orElse("")
                + file.displayName().map(d -> "  \"" + d + "\"").orElse("");
    }

    /** A subcommand on one stored file, named on the command line. */
    abstract static class OnFile extends FilesSubcommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The file's name, files/ID (or just ID).")
        String name;

        OnFile(CliContext context) {
            super(context);
        }

        /** Runs the command on the file {@code resource} ({@code files/...}) with an open files port. */
        abstract void run(FilesPort files, FileReport report, String resource);

        @Override
        final void run(FilesPort files, FileReport report) {
            run(files, report, resourceName(name));
        }
    }
}
