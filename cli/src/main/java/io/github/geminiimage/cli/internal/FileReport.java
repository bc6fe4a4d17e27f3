package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.PrintStream;
import java.util.List;

/**
 * What a {@code files} command tells the user: its result on stdout (human lines whose first word is
 * the file's name, or with {@code --json} one JSON document), every failure as one line on stderr
 * with what to do. Never prints file content. Not thread-safe: one per run.
 */
final class FileReport {

    private final String command;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    FileReport(String command, PrintStream out, PrintStream err, boolean json) {
        this.command = command;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** The command's name after {@code gemini-image}, e.g. {@code files upload}. */
    String command() {
        return command;
    }

    /** Whether the output is JSON. */
    boolean json() {
        return json;
    }

    /** One file: the human lines, or the file resource as JSON. */
    void file(StoredFile file, List<String> humanLines) {
        if (json) {
            out.print(CliJson.write(CliDocuments.File.of(file)));
        } else {
            humanLines.forEach(out::println);
        }
        out.flush();
    }

    /** Every file: one summary line each, or {@code {"files": [...]}}. */
    void files(List<StoredFile> files) {
        if (json) {
            out.print(CliJson.write(new CliDocuments.Files(files.stream().map(CliDocuments.File::of).toList())));
        } else {
            files.forEach(f -> out.println(FilesSubcommand.summary(f)));
        }
        out.flush();
    }

    /** A deleted file: {@code deleted files/...}, or {@code {"name": ..., "deleted": true}}. */
    void deleted(String name) {
        if (json) {
            out.print(CliJson.write(new CliDocuments.Deleted(name, true)));
        } else {
            out.println("deleted " + name);
        }
        out.flush();
    }

    /** A failure of the service or of the request. */
    ExitCode failure(ImageGenerationException failure) {
        ExitCode exit = ExitCode.of(failure);
        return error(exit, failure.getMessage(), hint(exit, failure));
    }

    /** One line on stderr; with {@code --json} also {@code {"command", "exitCode", "error"}} on stdout. */
    ExitCode error(ExitCode exit, String message, String hint) {
        String text = Messages.oneLine(message);
        err.println("gemini-image " + command + ": " + text + (hint == null ? "" : "; " + hint));
        err.flush();
        if (json) {
            out.print(CliJson.write(new CliDocuments.CommandFailure(command, exit.code(), CliDocuments.Failure.of(exit, text))));
            out.flush();
        }
        return exit;
    }

    private String hint(ExitCode exit, ImageGenerationException failure) {
        switch (exit) {
            case INVALID_REQUEST:
                return "fix the request and run again";
            case AUTHENTICATION:
                return "check " + ImageCommand.KEY_VARIABLE + " (and --auth for a proxy)";
            case NOT_FOUND:
                if (!command.equals("files get") && !command.equals("files delete")) {
                    // Upload and list name no file: a 404 says the endpoint has no Files API at all.
                    return "the server at the base URL has no Files API (a proxy or mirror may serve generateContent "
                            + "only): check --base-url, or upload to the Gemini API itself";
                }
                return "the file does not exist (never uploaded, deleted, or expired after 48 hours): see gemini-image files list";
            case PERMISSION_DENIED:
                // The Gemini API answers 403 for a file it does not hold.
                return "the file may not exist (never uploaded, deleted, or expired after 48 hours): see gemini-image "
                        + "files list; else check that the key may use the Files API";
            case RATE_LIMITED:
                RateLimitedException limited = (RateLimitedException) failure;
                if (limited.httpStatus().orElse(0) == 402) {
                    return Report.rateLimitHint(limited);
                }
                return limited.quotaScope() == QuotaScope.PER_DAY ? "the daily quota is used up: run again tomorrow"
                        : "the project's file storage (20 GB) may be full: delete files, or wait and run again";
            case SERVER_ERROR:
                return "try again later, or raise --retries";
            case TIMEOUT:
                return "raise --timeout (e.g. --timeout 30m for a large upload)";
            case TRANSPORT:
                return failure.isRetryable() ? "check the network and --base-url, or raise --retries"
                        : "check the network and --base-url (this failure is not retried)";
            case MALFORMED_RESPONSE:
            case RESPONSE_TOO_LARGE:
                return "check that --base-url points at a Gemini-compatible endpoint";
            default:
                return null;
        }
    }

}
