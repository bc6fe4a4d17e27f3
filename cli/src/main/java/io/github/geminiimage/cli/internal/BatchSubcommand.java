package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.GeminiClient;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the {@code batch} commands share: the options, opening the port, and turning failures into
 * one line on stderr and the exit codes of {@code generate}, except a 404 for a job, which is
 * {@link ExitCode#NO_SUCH_JOB}.
 */
abstract class BatchSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BatchOptions options;

    final CliContext context;
    private final ClientFactory ports;
    private String job;

    BatchSubcommand(CliContext context, ClientFactory ports) {
        this.context = context;
        this.ports = ports;
    }

    /** Runs the command with the port open. */
    abstract ExitCode run(BatchPort port);

    /** Checks the command line before the port is opened (and before any file is read). */
    void before() {
    }

    /** The job named on the command line, else the one the state file remembers; kept for the error messages. */
    String jobName(String given) {
        job = options.jobName(given);
        return job;
    }

    @Override
    public Integer call() {
        String command = spec.qualifiedName(" ");
        try {
            before();
            try (GeminiClient client = ports.open(options.settings(context))) {
                return run(client.batches()).code();
            }
        } catch (UsageException e) {
            context.err().println(command + ": " + Messages.humanize(e.getMessage()) + "; see " + command + " --help");
            return ExitCode.USAGE.code();
        } catch (FileProblem | UncheckedIOException e) {
            context.err().println(command + ": " + Messages.humanize(e.getMessage()));
            return ExitCode.FILE_ERROR.code();
        } catch (NotFoundException e) {
            if (job == null) {
                // No job was named: submit's 404 is the model's, list's the endpoint's.
                context.err().println(command + ": " + Messages.humanize(e.getMessage()) + "; " + (spec.name().equals("submit")
                        ? "check --model (e.g. " + ImageModel.GEMINI_2_5_FLASH_IMAGE.id() + ", " + ImageModel.GEMINI_3_PRO_IMAGE.id() + ")"
                        : "check --base-url: the server there has no Batch API"));
                return ExitCode.NOT_FOUND.code();
            }
            context.err().println(command + ": no such batch job" + (job == null ? "" : " " + job) + " ("
                    + Messages.humanize(e.getMessage()) + "): never submitted, deleted, or mistyped; see gemini-image batch list");
            return ExitCode.NO_SUCH_JOB.code();
        } catch (ImageGenerationException e) {
            context.err().println(command + ": " + Messages.humanize(e.getMessage()));
            return ExitCode.of(e).code();
        }
    }

    /** The job in one line of text. */
    static String jobLine(BatchJob job) {
        return job.name() + "  " + job.state() + "  " + job.counts()
                + job.displayName().map(d -> "  \"" + d + "\"").orElse("")
                + job.error().map(e -> "  error: " + e.message()).orElse("");
    }

    /** A progress bar of the counts, redrawn in place on a terminal (stderr). */
    void progress(BatchJob job) {
        if (!context.interactive() || options.json) {
            return;
        }
        int width = 30;
        long total = Math.max(1, job.counts().total());
        int filled = (int) Math.min(width, width * job.counts().done() / total);
        context.err().print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + job.counts().done() + "/"
                + job.counts().total() + " done, " + job.counts().failed() + " failed  " + job.state() + "   ");
        context.err().flush();
        if (job.isDone()) {
            context.err().println();
        }
    }
}
