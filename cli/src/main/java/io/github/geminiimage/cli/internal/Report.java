package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run tells the user: per image, where the file went, its pixel size, the finish reason and
 * the token usage (stdout); every failure as one line on stderr saying what failed, why and what to
 * do; with {@code --json}, one JSON document on stdout instead of the human lines. Never prints image
 * bytes or the key. Not thread-safe: one per run.
 */
final class Report {

    /** An image written to a file. */
    record Written(Path file, GeneratedImage image) {
    }

    private record Entry(GenerationResult result, Optional<Written> written, List<Path> previews) {
    }

    private final String command;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final List<Entry> entries = new ArrayList<>();
    private Transport transport;
    private int expected = 1;
    private String modelId = "";
    private boolean customBase;
    private Path sessionFile;
    private int sessionTurns;
    private boolean previewsAsked;
    private List<Path> previews = List.of();
    private boolean cutMidStream;

    Report(String command, PrintStream out, PrintStream err, boolean json) {
        this.command = command;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** How many images the run asks for, and of which model (for the summary and the hints). */
    void expect(int count, String model) {
        this.expected = count;
        this.modelId = model == null ? "" : model;
    }

    /** Whether {@code --base-url} was given: a 404 may then be the URL's fault, not the model's. */
    void customBase(boolean given) {
        this.customBase = given;
    }

    void transport(Transport used) {
        this.transport = used;
    }

    void session(Path file, int turns) {
        this.sessionFile = file;
        this.sessionTurns = turns;
    }

    /** Whether {@code --previews} was given: then each JSON result lists its previews. */
    void previewsAsked(boolean asked) {
        this.previewsAsked = asked;
    }

    /** The failure that follows ended a stream after its first event, which no retry repeats. */
    void cutMidStream() {
        this.cutMidStream = true;
    }

    /** The interim images the next call's stream wrote (reported with its result). */
    void previews(List<Path> files) {
        this.previews = List.copyOf(files);
    }

    /** One call's result, with the file its image went to. */
    void result(GenerationResult result, Optional<Written> written) {
        entries.add(new Entry(result, written, previews));
        List<Path> shown = previews;
        previews = List.of();
        if (json) {
            return;
        }
        for (Path preview : shown) {
            out.println("wrote preview " + preview);
        }
        if (written.isPresent()) {
            GeneratedImage image = written.get().image();
            out.println("wrote " + written.get().file() + " (" + image.pixelSize().map(PixelSize::toString).orElse("unknown size")
                    + ", " + image.mimeType() + ", " + ByteSizes.human(image.size()) + ")");
        }
        Optional<GeneratedImage> byReference = result.finalImage().filter(GeneratedImage::isReference);
        if (byReference.isPresent()) {
            out.println("image stored at " + byReference.get().uri().orElseThrow() + " (" + byReference.get().mimeType()
                    + ", by reference: not downloaded)");
        }
        out.println("  finish reason: " + result.finishReason().map(FinishReason::value)
                .orElse(result.blockReason().map(b -> "none (prompt blocked: " + b.value() + ")").orElse("none"))
                + "; tokens: " + usage(result.usage())
                + (result.continuations() == 0 ? "" : " over " + (result.continuations() + 1) + " requests (continued "
                        + result.continuations() + (result.continuations() == 1 ? " time)" : " times)"))
                + served(result) + cost(result));
        String text = oneLine(result.text());
        if (!text.isBlank()) {
            out.println("  model text: " + text);
        }
        if (result.grounding().isPresent()) {
            Grounding grounding = result.grounding().get();
            if (!grounding.queries().isEmpty()) {
                out.println("  searched: " + String.join("; ", grounding.queries().stream().map(Report::oneLine).toList()));
            }
            for (GroundingSource source : grounding.sources()) {
                out.println("  source: " + oneLine(source.label())
                        + source.imageUri().filter(i -> source.uri().isPresent()).map(i -> " (image " + i + ")").orElse(""));
            }
        }
    }

    ExitCode success() {
        if (!json && sessionFile != null) {
            out.println("session: " + sessionFile + " (" + sessionTurns + " turns)");
        }
        return finish(ExitCode.OK, null);
    }

    /** A result without image: the reason on stderr, a non-zero exit code. */
    ExitCode noImage(GenerationResult result) {
        NoImageException why;
        try {
            result.requireImage();
            throw new IllegalStateException("noImage called for a result with an image");
        } catch (NoImageException e) {
            why = e;
        }
        ExitCode exit = ExitCode.of(why);
        if (!json && sessionFile != null) {
            out.println("session: " + sessionFile + " (" + sessionTurns + " turns)");
        }
        return error(exit, why.getMessage(), hint(exit, why));
    }

    ExitCode failure(ImageGenerationException failure) {
        ExitCode exit = ExitCode.of(failure);
        return error(exit, label(exit) + ": " + failure.getMessage(), hint(exit, failure));
    }

    ExitCode usage(String message) {
        return error(ExitCode.USAGE, message, "see gemini-image " + command + " --help");
    }

    ExitCode fileProblem(FileProblem problem) {
        return error(ExitCode.FILE_ERROR, problem.getMessage(), null);
    }

    /**
     * The heap ran out: one line naming the heap's size and how to raise it, never a stack trace.
     * Called after the failed allocation was given up, so there is room to print.
     */
    ExitCode outOfMemory() {
        long mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return error(ExitCode.OUT_OF_MEMORY, "out of memory: the Java heap (" + mb + " MB) is too small for this call",
                "raise it, e.g. JAVA_TOOL_OPTIONS=-Xmx256m");
    }

    ExitCode internalError(RuntimeException e) {
        return error(ExitCode.INTERNAL_ERROR, "internal error: " + e, "please report this with the command you ran");
    }

    private ExitCode error(ExitCode exit, String message, String hint) {
        String text = Messages.oneLine(message);
        String line = "gemini-image " + command + ": " + text + (hint == null ? "" : "; " + hint);
        err.println(line);
        long written = entries.stream().filter(e -> e.written().isPresent()).count();
        if (expected > 1 && exit != ExitCode.USAGE) {
            // A partial --count run: say what was kept, so a script need not count files.
            err.println("gemini-image " + command + ": " + written + " of " + expected + " images written"
                    + (written > 0 ? " (" + entries.stream().flatMap(e -> e.written().stream())
                            .map(w -> w.file().getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse("") + ")" : ""));
        }
        return finish(exit, text);
    }

    private ExitCode finish(ExitCode exit, String errorMessage) {
        if (json) {
            out.print(toJson(exit, errorMessage));
            out.flush();
        }
        return exit;
    }

    private String toJson(ExitCode exit, String errorMessage) {
        List<CliDocuments.Result> results = new ArrayList<>();
        for (Entry entry : entries) {
            results.add(resultJson(entry));
        }
        return CliJson.write(new CliDocuments.Run(command, transport == null ? null : transport.optionName(), exit.code(),
                results, sessionFile == null ? null : new CliDocuments.Session(sessionFile.toString(), sessionTurns),
                errorMessage == null ? null : CliDocuments.Failure.of(exit, errorMessage)));
    }

    private CliDocuments.Result resultJson(Entry entry) {
        GenerationResult result = entry.result();
        Usage usage = result.usage();
        CliDocuments.Image image = entry.written().map(w -> new CliDocuments.Image(w.file().toString(), null, w.image().mimeType(),
                w.image().pixelSize().map(PixelSize::width).orElse(null), w.image().pixelSize().map(PixelSize::height).orElse(null),
                (long) w.image().size())).orElse(null);
        // An image by reference (an output prefix on Vertex AI) was not written: its URI stands for the file.
        Optional<GeneratedImage> byReference = result.finalImage().filter(GeneratedImage::isReference);
        if (image == null && byReference.isPresent()) {
            image = new CliDocuments.Image(null, byReference.get().uri().orElseThrow().toString(), byReference.get().mimeType(),
                    null, null, null);
        }
        return new CliDocuments.Result(result.outcome().name(), result.finishReason().map(FinishReason::value).orElse(null),
                result.candidates().isEmpty() ? null : result.candidates().get(0).finishMessage().orElse(null),
                result.blockReason().map(BlockReason::value).orElse(null), result.text(), result.modelVersion().orElse(null),
                result.responseId().orElse(null), result.continuations(), new CliDocuments.Tokens(usage.promptTokens(), usage.candidatesTokens(),
                        usage.thoughtsTokens(), usage.totalTokens()), image, groundingJson(result.grounding()),
                previewsAsked ? entry.previews().stream().map(Path::toString).toList() : null,
                // The served tier as the reply says it (header, else usageMetadata.trafficType); null when it does not.
                result.servedTier().value().orElse(null), result.cost().map(CliDocuments.Cost::of).orElse(null));
    }

    /** The grounding as {@code --json} records it: queries, then sources with their absent fields left out. */
    private static CliDocuments.Grounding groundingJson(Optional<Grounding> grounding) {
        return grounding.map(g -> new CliDocuments.Grounding(g.queries(), g.sources().stream()
                .map(s -> new CliDocuments.Source(s.title().orElse(null), s.uri().orElse(null), s.imageUri().orElse(null),
                        s.domain().orElse(null))).toList())).orElse(null);
    }

    private static String label(ExitCode exit) {
        switch (exit) {
            case USAGE:
                return "not recorded";
            case INVALID_REQUEST:
                return "invalid request";
            case AUTHENTICATION:
                return "the key was refused";
            case PERMISSION_DENIED:
                return "permission denied";
            case NOT_FOUND:
                return "model not found";
            case RATE_LIMITED:
                return "rate limited";
            case SERVER_ERROR:
                return "the service failed";
            case TIMEOUT:
                return "timed out";
            case TRANSPORT:
                return "the connection failed";
            case MALFORMED_RESPONSE:
                return "the reply could not be read";
            case RESPONSE_TOO_LARGE:
                return "the reply was too large";
            default:
                return "failed";
        }
    }

    private String hint(ExitCode exit, ImageGenerationException failure) {
        boolean sized = !ModelFamily.of(modelId).imageSizes().isEmpty();
        if (exit == ExitCode.USAGE) {
            return "record it with --record DIR (needs " + ImageCommand.KEY_VARIABLE + "), or replay the command as recorded";
        }
        switch (exit) {
            case INVALID_REQUEST:
                return "fix the request and run again";
            case AUTHENTICATION:
                return "check " + ImageCommand.KEY_VARIABLE + " (and --auth for a proxy)";
            case PERMISSION_DENIED:
                return "check that the key may use this model and that the API is enabled";
            case NOT_FOUND:
                return (customBase ? "check --base-url (the server root, without /v1beta) and " : "") + "check --model (e.g. " + ImageModel.GEMINI_2_5_FLASH_IMAGE.id() + ", "
                        + ImageModel.GEMINI_3_PRO_IMAGE.id() + ", " + ImageModel.GEMINI_3_1_FLASH_IMAGE.id() + ")";
            case RATE_LIMITED:
                return rateLimitHint((RateLimitedException) failure);
            case SERVER_ERROR:
                return cutMidStream ? midStreamHint() : "try again later, or raise --retries";
            case TIMEOUT:
                return "raise --timeout (e.g. --timeout 5m)" + (sized ? " or ask for a smaller --image-size" : "");
            case TRANSPORT:
                if (cutMidStream) {
                    return midStreamHint();
                }
                return failure.isRetryable() ? "check the network and --base-url, or raise --retries"
                        : "check the network and --base-url (this failure is not retried)";
            case MALFORMED_RESPONSE:
                return "check that --base-url points at a Gemini-compatible endpoint";
            case RESPONSE_TOO_LARGE:
                return sized ? "ask for a smaller --image-size" : "check that --base-url points at a Gemini-compatible endpoint";
            case PROMPT_BLOCKED:
                return "rephrase the prompt";
            case IMAGE_BLOCKED:
                return "rephrase the prompt or use another input image";
            case TEXT_ONLY:
                return "ask explicitly for an image, or run again";
            case NO_IMAGE:
                return "run again: the model sometimes makes none";
            default:
                return null;
        }
    }

    /**
     * What to do after a 429 or a 402. A 402 is billing: waiting does not help and it is never
     * retried. A 429 names the server's delay as every other duration is written.
     */
    static String rateLimitHint(RateLimitedException limited) {
        if (limited.httpStatus().orElse(0) == 402) {
            return "payment required: check the billing of the key's Google Cloud project (402 is never retried)";
        }
        if (limited.quotaScope() == QuotaScope.PER_DAY) {
            return "the daily quota is used up: run again tomorrow or use another key";
        }
        return limited.retryDelay().map(d -> "wait " + HumanDurations.format(d) + " and run again")
                .orElse("wait a minute and run again") + ", or raise --retries";
    }

    private static String midStreamHint() {
        return "run again: the stream was cut after its first event, which is never retried (--retries does not help)";
    }

    /** The served tier as the reply names it, when it does. */
    private static String served(GenerationResult result) {
        return result.servedTier().value().map(tier -> "; served tier: " + tier).orElse("");
    }

    /** The estimate, rounded to a tenth of a cent for reading (the JSON has it exact). */
    private static String cost(GenerationResult result) {
        return result.cost().map(c -> "; estimated cost: $" + c.usdText(4) + " (prices of " + c.priceTable() + ")")
                .orElse("; estimated cost: unknown (no price for this model)");
    }

    private static String usage(Usage usage) {
        String line = "prompt " + usage.promptTokens() + ", output " + usage.candidatesTokens();
        if (usage.thoughtsTokens() > 0) {
            line += ", thoughts " + usage.thoughtsTokens();
        }
        return line + ", total " + usage.totalTokens();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
