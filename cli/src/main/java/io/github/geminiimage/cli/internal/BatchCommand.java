package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.CostEstimate;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.batch.BatchImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code gemini-image batch}: thousands of images at half the price on Google's Batch Mode. Its
 * subcommands submit a JSONL file of prompts, follow the job, save its images, and manage jobs.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs many requests on Gemini's Batch Mode: half the price, done within 24 hours.",
            "submit a JSONL file, follow it with status --wait, then save the images with results --out DIR.", "",
            "With the offline fake (--transport fake, or no " + ImageCommand.KEY_VARIABLE + "), jobs are kept in a folder "
                    + "under the system's temporary folder, so later runs see them; a fake job ends within two seconds."},
        footerHeading = "%nExample:%n",
        footer = {"  gemini-image batch submit --input prompts.jsonl", "  gemini-image batch status --wait",
            "  gemini-image batch results --out shots/"})
final class BatchCommand implements Callable<Integer> {

    /** What the exit codes mean to the {@code batch} commands. */
    static final Map<String, String> EXIT_CODES = ExitCode.helpList(List.of(ExitCode.values()), Map.ofEntries(
            Map.entry(ExitCode.OK, "done (status --wait: the job succeeded or was cancelled; results: every image was written)"),
            Map.entry(ExitCode.INVALID_REQUEST, "invalid request: bad input lines, an input file that does not exist, results of "
                    + "a job that has not ended, cancel of a job that has, or the server refused it (400)"),
            Map.entry(ExitCode.NOT_FOUND, "unknown or retired model id (submit), or no Batch API at the base URL (list) (404)"),
            Map.entry(ExitCode.SERVER_ERROR, "the service failed (5xx), after the retries; status --wait: the job FAILED"),
            Map.entry(ExitCode.TIMEOUT, "status --wait reached its --timeout, or the job EXPIRED (48 hours)"),
            Map.entry(ExitCode.MALFORMED_RESPONSE, "the reply was not a valid Batch API response"),
            Map.entry(ExitCode.PROMPT_BLOCKED, "results: a request's prompt was blocked (the first failed request decides)"),
            Map.entry(ExitCode.IMAGE_BLOCKED, "results: a request's answer was blocked"),
            Map.entry(ExitCode.TEXT_ONLY, "results: a request was answered with text only"),
            Map.entry(ExitCode.NO_IMAGE, "results: a request produced no image"),
            Map.entry(ExitCode.FILE_ERROR, "a local file problem: the input cannot be read, the state file or an image cannot be "
                    + "written")));

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Cli.chooseCommand(spec);
    }

    /** The {@code batch} command with its subcommands, for the top command to add. */
    static CommandLine commandLine(CliContext context, ClientFactory ports) {
        CommandLine batch = new CommandLine(new BatchCommand());
        batch.addSubcommand(new Submit(context, ports));
        batch.addSubcommand(new Status(context, ports));
        batch.addSubcommand(new Results(context, ports));
        batch.addSubcommand(new Cancel(context, ports));
        batch.addSubcommand(new ListJobs(context, ports));
        batch.addSubcommand(new Delete(context, ports));
        Cli.exitCodes(batch, EXIT_CODES);
        for (CommandLine command : batch.getSubcommands().values()) {
            Cli.exitCodes(command, EXIT_CODES);
        }
        return batch;
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Submits one request per line of a JSONL file; prints the job's name and saves it.",
        "A line: {\"key\": \"sku-123\", \"prompt\": \"...\", \"images\": [\"a.png\", \"files/abc\", \"https://...\"], "
            + "\"aspectRatio\": \"16:9\", \"imageSize\": \"2K\"} (key and prompt required; a line's value overrides the option)."})
    static final class Submit extends BatchSubcommand {
        @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "The JSONL file, one request per line.")
        Path input;

        @Option(names = {"-m", "--model"}, paramLabel = "ID", defaultValue = "gemini-2.5-flash-image",
                description = "The model id (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = {"-a", "--aspect-ratio"}, paramLabel = "W:H", description = "The aspect ratio of lines that name none.")
        String aspectRatio;

        @Option(names = {"-s", "--image-size"}, paramLabel = "SIZE", description = "The size of lines that name none (Gemini 3: 1K, 2K, 4K).")
        String imageSize;

        @Option(names = "--name", paramLabel = "TEXT", description = "The job's display name (default: the input file's name).")
        String name;

        @Option(names = "--via", paramLabel = "MODE", defaultValue = "auto",
                description = "auto (default: inline when at most " + BatchSubmitOptions.AUTO_INLINE_MAX_REQUESTS
                        + " requests under 19 MB, else a file), inline, or file.")
        String via;

        private BatchInput requests;
        private BatchInputMode mode;

        Submit(CliContext context, ClientFactory ports) {
            super(context, ports);
        }

        @Override
        void before() {
            try {
                mode = BatchInputMode.valueOf(via.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--via must be auto, inline or file; got " + via);
            }
            if (!Files.exists(input)) {
                throw new InvalidRequestException("input", "the input file " + input.toAbsolutePath().normalize()
                        + " does not exist", (Throwable) null);
            }
            requests = new BatchInput(input, model, Optional.ofNullable(aspectRatio), Optional.ofNullable(imageSize));
            requests.check();
        }

        @Override
        ExitCode run(BatchPort port) {
            String displayName = name != null ? name : requests.file().getFileName().toString();
            BatchJob job = port.submit(displayName, model, requests.requests(), BatchSubmitOptions.via(mode));
            options.state().save(new CliDocuments.BatchState(job.name(), requests.file().toString(), model));
            if (options.json) {
                context.out().println(CliJson.write(CliDocuments.Job.of(job)));
            } else {
                context.out().println(job.name());
                context.err().println("submitted " + job.counts().total() + " request(s) as " + job.name() + "; saved to "
                        + options.state().file() + " (next: batch status --wait, then batch results --out DIR)");
            }
            return ExitCode.OK;
        }
    }

    /** A subcommand on one job: the one named, else the last one submitted here. */
    abstract static class JobSubcommand extends BatchSubcommand {
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "batches/... (default: the last job submitted here).")
        String job;

        JobSubcommand(CliContext context, ClientFactory ports) {
            super(context, ports);
        }

        /** Runs the command on the job {@code name}, with the port open. */
        abstract ExitCode run(BatchPort port, String name);

        @Override
        final ExitCode run(BatchPort port) {
            return run(port, jobName(job));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Shows a job's state and counts; --wait follows it until it ends.")
    static final class Status extends JobSubcommand {
        @Option(names = "--wait", description = "Poll until the job ends, with a progress bar on a terminal.")
        boolean await;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class, defaultValue = "48h",
                description = "How long --wait waits (default ${DEFAULT-VALUE}).")
        Duration timeout;

        Status(CliContext context, ClientFactory ports) {
            super(context, ports);
        }

        @Override
        ExitCode run(BatchPort port, String name) {
            BatchJob found = await ? port.await(name, timeout, this::progress) : port.get(name);
            context.out().println(options.json ? CliJson.write(CliDocuments.Job.of(found)) : jobLine(found));
            if (!await || found.state().equals(BatchState.SUCCEEDED) || found.state().equals(BatchState.CANCELLED)) {
                return ExitCode.OK;
            }
            return found.state().equals(BatchState.EXPIRED) ? ExitCode.TIMEOUT : ExitCode.SERVER_ERROR;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Saves every image of a finished job to a folder, one file per key: KEY.png (or .jpg), every "
                + "character but letters, digits, - _ . percent-encoded (a/b gives a%%2Fb.png).",
        "Resumable: keys whose file exists are skipped. Prints written / failed / skipped."})
    static final class Results extends JobSubcommand {
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The folder (created if missing).")
        Path out;

        Results(CliContext context, ClientFactory ports) {
            super(context, ports);
        }

        @Override
        ExitCode run(BatchPort port, String name) {
            BatchJob found = port.get(name);
            if (!found.isDone()) {
                throw new InvalidRequestException("job", name + " has no results yet: it is " + found.state() + " ("
                        + found.counts() + "); wait for it with gemini-image batch status --wait " + name, (Throwable) null);
            }
            ExitCode[] first = {ExitCode.OK};
            long[] seen = {0};
            // Summed as the results stream by (no result is kept): the batch rates of the built-in price table.
            PriceTable prices = PriceTable.google();
            List<CostEstimate> costs = new java.util.ArrayList<>();
            BatchSaveSummary summary;
            // Each result's images go to disk while they are decoded (a staging folder inside
            // --out), then are saved under their keys: a 4K image never sits in the heap.
            Path staging = BatchImageFolder.staging(out);
            try (Stream<BatchResult> results = port.results(name, staging)) {
                summary = BatchImageFolder.save(BatchImageFolder.consuming(results.iterator()), out, r -> {
                    seen[0]++;
                    prices.estimateBatch(found.model(), List.of(r)).ifPresent(costs::add);
                    if (first[0] == ExitCode.OK) {
                        first[0] = r.error().map(ExitCode::of).orElseGet(() -> ExitCode.of(r.result().orElseThrow().outcome()));
                    }
                    if (context.interactive() && !options.json) {
                        context.err().print("\rsaving: " + seen[0] + " result(s) read   ");
                    }
                });
            } finally {
                BatchImageFolder.removeStaging(staging);
            }
            if (context.interactive() && !options.json) {
                context.err().println();
            }
            if (options.json) {
                context.out().println(CliJson.write(CliDocuments.Saved.of(name, out, summary,
                        CostEstimate.sum(costs).map(CliDocuments.Cost::of).orElse(null))));
            } else {
                summary.failures().forEach(f -> context.err().println("failed: " + f.key() + ": " + f.reason()));
                context.out().println("written " + summary.written() + ", failed " + summary.failed() + ", skipped "
                        + summary.skipped() + " -> " + out.toAbsolutePath() + CostEstimate.sum(costs)
                        .map(c -> "; estimated cost: $" + c.usdText(4) + " (batch prices of " + c.priceTable() + ")").orElse(""));
            }
            return first[0];
        }
    }

    /**
     * What cancel and delete share: an action on one job (the one named, else the last one submitted
     * here), confirmed by a line, {@code done} and the name, or with --json by the document
     * {@code confirmation} makes of the name.
     */
    abstract static class JobAction extends JobSubcommand {
        private final BiConsumer<BatchPort, String> action;
        private final String done;
        private final Function<String, Object> confirmation;

        JobAction(CliContext context, ClientFactory ports, BiConsumer<BatchPort, String> action, String done,
                Function<String, Object> confirmation) {
            super(context, ports);
            this.action = action;
            this.done = done;
            this.confirmation = confirmation;
        }

        @Override
        ExitCode run(BatchPort port, String name) {
            action.accept(port, name);
            context.out().println(options.json ? CliJson.write(confirmation.apply(name)) : done + " " + name);
            return ExitCode.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Cancels a job that has not ended.")
    static final class Cancel extends JobAction {
        Cancel(CliContext context, ClientFactory ports) {
            super(context, ports, BatchPort::cancel, "cancelled", name -> new CliDocuments.Cancelled(name, true));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Deletes a job.")
    static final class Delete extends JobAction {
        Delete(CliContext context, ClientFactory ports) {
            super(context, ports, BatchPort::delete, "deleted", name -> new CliDocuments.Deleted(name, true));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Lists the jobs, newest first; --json gives {\"batches\": [...]}.")
    static final class ListJobs extends BatchSubcommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (default ${DEFAULT-VALUE}).")
        int limit;

        ListJobs(CliContext context, ClientFactory ports) {
            super(context, ports);
        }

        @Override
        ExitCode run(BatchPort port) {
            if (limit < 1) {
                throw new UsageException("--limit must be 1 or more; got " + limit);
            }
            try (Stream<BatchJob> jobs = port.list().limit(limit)) {
                if (options.json) {
                    context.out().println(CliJson.write(new CliDocuments.Jobs(jobs.map(CliDocuments.Job::of).toList())));
                } else {
                    jobs.forEach(j -> context.out().println(jobLine(j)));
                }
            }
            return ExitCode.OK;
        }
    }
}
