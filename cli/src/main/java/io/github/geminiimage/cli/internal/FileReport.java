package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.RateLimitedException;
import io.github.geminiimage.domain.QuotaScope;
import io.github.geminiimage.domain.StoredFile;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
            JsonWriter w = new JsonWriter();
            writeFile(w, file);
            out.print(w.toJson());
        } else {
            humanLines.forEach(out::println);
        }
        out.flush();
    }

    /** Every file: one summary line each, or {@code {"files": [...]}}. */
    void files(List<StoredFile> files) {
        if (json) {
            JsonWriter w = new JsonWriter().beginObject().name("files").beginArray();
            files.forEach(f -> writeFile(w, f));
            out.print(w.endArray().endObject().toJson());
        } else {
            files.forEach(f -> out.println(FilesSubcommand.summary(f)));
        }
        out.flush();
    }

    /** A deleted file: {@code deleted files/...}, or {@code {"name": ..., "deleted": true}}. */
    void deleted(String name) {
        if (json) {
            out.print(new JsonWriter().beginObject().name("name").value(name).name("deleted").value(true).endObject().toJson());
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
            out.print(new JsonWriter().beginObject().name("command").value(command).name("exitCode").value(exit.code())
                    .name("error").beginObject().name("kind").value(exit.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .name("message").value(text).endObject().endObject().toJson());
            out.flush();
        }
        return exit;
    }

    /**
     * The file resource as the Files API names its fields; {@code sha256Hash} in the API's form
     * (base64 of the hex digest), {@code sha256} as the hex digest that {@code sha256sum} prints.
     */
    static void writeFile(JsonWriter w, StoredFile file) {
        w.beginObject()
                .name("name").value(file.name())
                .name("displayName").value(file.displayName().orElse(null))
                .name("uri").value(file.uri().toString())
                .name("mimeType").value(file.mimeType())
                .name("sizeBytes").value(file.sizeBytes())
                .name("state").value(file.state().value())
                .name("sha256Hash").value(file.sha256().map(s -> s.toFilesApi()).orElse(null))
                .name("sha256").value(file.sha256().map(s -> s.hex()).orElse(null))
                .name("createTime").value(time(file.createTime()))
                .name("updateTime").value(time(file.updateTime()))
                .name("expirationTime").value(time(file.expirationTime()))
                .name("source").value(file.source().map(s -> s.value()).orElse(null))
                .name("downloadUri").value(file.downloadUri().map(Object::toString).orElse(null))
                .name("error");
        if (file.error().isPresent()) {
            w.beginObject().name("code").value(file.error().get().code()).name("message").value(file.error().get().message())
                    .endObject();
        } else {
            w.nullValue();
        }
        w.endObject();
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
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
