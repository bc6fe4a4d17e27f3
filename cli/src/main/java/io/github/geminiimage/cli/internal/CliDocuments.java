package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.domain.file.StoredFile;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line's own JSON documents, written and read by {@link CliJson}: the {@code --json}
 * output of every command, and the small files it keeps. Members come in the order of each record's
 * {@code @JsonbPropertyOrder}, which lists every component in declaration order (a new component
 * goes there too; {@code CliJsonTest} checks it). A null component is left out, unless marked
 * {@code @JsonbNillable}: such members are always present, null when unknown. For a member whose
 * type is a record, Yasson reads that mark on the record type instead (as on {@link Image},
 * {@link Session}, {@link Failure} and {@link FileError}; {@link Image} then marks its own optional
 * components {@code @JsonbNillable(false)}). The records are public because JSON-B reads them by
 * reflection.
 */
final class CliDocuments {

    private CliDocuments() {
    }

    /** What {@code generate} and {@code edit} print with {@code --json}. */
    @JsonbPropertyOrder({"command", "transport", "exitCode", "results", "session", "error"})
    public record Run(String command, @JsonbNillable String transport, int exitCode, List<Result> results,
            @JsonbNillable Session session, @JsonbNillable Failure error) {
    }

    /**
     * One call's result in {@link Run}.
     *
     * @param continuations the extra requests that continued the reply (0 when it came whole)
     * @param previews the interim images; null (left out) unless {@code --previews} was given
     */
    @JsonbPropertyOrder({"outcome", "finishReason", "finishMessage", "blockReason", "text", "modelVersion", "responseId",
        "continuations", "usage", "image", "grounding", "previews", "serviceTier", "cost"})
    public record Result(String outcome, @JsonbNillable String finishReason, @JsonbNillable String finishMessage,
            @JsonbNillable String blockReason, @JsonbNillable String text, @JsonbNillable String modelVersion,
            @JsonbNillable String responseId, int continuations, Tokens usage, @JsonbNillable Image image,
            @JsonbNillable Grounding grounding, List<String> previews, @JsonbNillable String serviceTier,
            @JsonbNillable Cost cost) {
    }

    /**
     * A result's estimated cost: US dollars, exact, and the date of the price table used; null when
     * the table has no price for the model.
     */
    @JsonbNillable
    @JsonbPropertyOrder({"usd", "priceTable"})
    public record Cost(java.math.BigDecimal usd, String priceTable) {

        static Cost of(io.github.geminiimage.domain.CostEstimate estimate) {
            java.math.BigDecimal usd = estimate.usd().stripTrailingZeros();
            // Plain notation: 1.29E+3 would be valid JSON, but not what a reader expects.
            return new Cost(usd.scale() < 0 ? usd.setScale(0) : usd, estimate.priceTable().toString());
        }
    }

    /** What grounding with Google Search used: every query, then the sources; null when the reply has none. */
    @JsonbNillable
    @JsonbPropertyOrder({"queries", "sources"})
    public record Grounding(List<String> queries, List<Source> sources) {
    }

    /** One grounding source: the page ({@code uri}), the image ({@code imageUri}); absent fields left out. */
    @JsonbPropertyOrder({"title", "uri", "imageUri", "domain"})
    public record Source(@JsonbNillable(false) String title, @JsonbNillable(false) String uri,
            @JsonbNillable(false) String imageUri, @JsonbNillable(false) String domain) {
    }

    /** A result's token counts. */
    @JsonbPropertyOrder({"promptTokens", "candidatesTokens", "thoughtsTokens", "totalTokens"})
    public record Tokens(long promptTokens, long candidatesTokens, long thoughtsTokens, long totalTokens) {
    }

    /**
     * The image a result wrote; the pixel size left out when unknown. An image by reference (stored
     * in Cloud Storage by Vertex AI) has its {@code uri} instead of a file, and no size.
     */
    @JsonbNillable
    @JsonbPropertyOrder({"file", "uri", "mimeType", "width", "height", "bytes"})
    public record Image(@JsonbNillable(false) String file, @JsonbNillable(false) String uri, String mimeType,
            @JsonbNillable(false) Integer width, @JsonbNillable(false) Integer height, @JsonbNillable(false) Long bytes) {
    }

    /** The session file a run continued. */
    @JsonbNillable
    @JsonbPropertyOrder({"file", "turns"})
    public record Session(String file, int turns) {
    }

    /** Why a command failed: the exit code's name in lower case with dashes, and the message. */
    @JsonbNillable
    @JsonbPropertyOrder({"kind", "message"})
    public record Failure(String kind, String message) {

        static Failure of(ExitCode exit, String message) {
            return new Failure(exit.name().toLowerCase(Locale.ROOT).replace('_', '-'), message);
        }
    }

    /** What a {@code files} command prints when it fails, with {@code --json}. */
    @JsonbPropertyOrder({"command", "exitCode", "error"})
    public record CommandFailure(String command, int exitCode, Failure error) {
    }

    /**
     * A file resource as the Files API names its fields; {@code sha256Hash} in the API's form (base64
     * of the hex digest), {@code sha256} as the hex digest that {@code sha256sum} prints.
     */
    @JsonbPropertyOrder({"name", "displayName", "uri", "mimeType", "sizeBytes", "state", "sha256Hash", "sha256",
        "createTime", "updateTime", "expirationTime", "source", "downloadUri", "error"})
    public record File(String name, @JsonbNillable String displayName, String uri, String mimeType, long sizeBytes,
            String state, @JsonbNillable String sha256Hash, @JsonbNillable String sha256, @JsonbNillable String createTime,
            @JsonbNillable String updateTime, @JsonbNillable String expirationTime, @JsonbNillable String source,
            @JsonbNillable String downloadUri, @JsonbNillable FileError error) {

        static File of(StoredFile file) {
            return new File(file.name(), file.displayName().orElse(null), file.uri().toString(), file.mimeType(),
                    file.sizeBytes(), file.state().value(), file.sha256().map(s -> s.toFilesApi()).orElse(null),
                    file.sha256().map(s -> s.hex()).orElse(null), time(file.createTime()), time(file.updateTime()),
                    time(file.expirationTime()), file.source().map(s -> s.value()).orElse(null),
                    file.downloadUri().map(Object::toString).orElse(null),
                    file.error().map(e -> new FileError(e.code(), e.message())).orElse(null));
        }
    }

    /** Why a file's processing failed. */
    @JsonbNillable
    @JsonbPropertyOrder({"code", "message"})
    public record FileError(int code, String message) {
    }

    /** {@code files list --json}. */
    @JsonbPropertyOrder({"files"})
    public record Files(List<File> files) {
    }

    /** A deleted file or batch job. */
    @JsonbPropertyOrder({"name", "deleted"})
    public record Deleted(String name, boolean deleted) {
    }

    /** A cancelled batch job. */
    @JsonbPropertyOrder({"name", "cancelled"})
    public record Cancelled(String name, boolean cancelled) {
    }

    /** A batch job; what the service did not say is left out. */
    @JsonbPropertyOrder({"name", "state", "model", "displayName", "total", "succeeded", "failed", "pending", "createTime",
        "endTime", "output", "error"})
    public record Job(String name, String state, String model, String displayName, long total, long succeeded, long failed,
            long pending, String createTime, String endTime, Output output, String error) {

        static Job of(BatchJob job) {
            return new Job(job.name(), job.state().value(), job.model(), job.displayName().orElse(null),
                    job.counts().total(), job.counts().succeeded(), job.counts().failed(), job.counts().pending(),
                    time(job.createTime()), time(job.endTime()), job.output().map(Output::of).orElse(null),
                    job.error().map(e -> e.message()).orElse(null));
        }
    }

    /** Where a finished job's results are: inline (their count) or in a file (its name). */
    @JsonbPropertyOrder({"inlinedResponses", "responsesFile"})
    public record Output(Long inlinedResponses, String responsesFile) {

        static Output of(BatchOutput output) {
            if (output instanceof BatchOutput.Inline inline) {
                return new Output((long) inline.count(), null);
            }
            if (output instanceof BatchOutput.ResponsesFile file) {
                return new Output(null, file.fileName());
            }
            return new Output(null, null);
        }
    }

    /** {@code batch list --json}. */
    @JsonbPropertyOrder({"batches"})
    public record Jobs(List<Job> batches) {
    }

    /** {@code batch results --json}: what was saved to the folder. */
    @JsonbPropertyOrder({"name", "folder", "written", "skipped", "failed", "failures", "cost"})
    public record Saved(String name, String folder, long written, long skipped, long failed, List<SaveFailure> failures,
            @JsonbNillable Cost cost) {

        /** @param cost the results' estimated cost summed at batch rates, null when unknown */
        static Saved of(String name, Path folder, BatchSaveSummary summary, Cost cost) {
            return new Saved(name, folder.toAbsolutePath().toString(), summary.written(), summary.skipped(),
                    summary.failed(), summary.failures().stream().map(f -> new SaveFailure(f.key(), f.reason())).toList(), cost);
        }
    }

    /** A result that could not be saved. */
    @JsonbPropertyOrder({"key", "reason"})
    public record SaveFailure(String key, String reason) {
    }

    /** The batch state file: the last job submitted, its input file's absolute path and model. */
    @JsonbPropertyOrder({"name", "input", "model"})
    public record BatchState(String name, String input, String model) {
    }

    /** The first member of a session file; the conversation follows in the same object. */
    @JsonbPropertyOrder({"model"})
    public record SessionHead(String model) {
    }

    /** The offline fake's copy of a job's requests. */
    @JsonbPropertyOrder({"requests"})
    public record KeptRequests(List<KeptRequest> requests) {
    }

    /** One kept request: the fields the command line sets. */
    @JsonbPropertyOrder({"key", "prompt", "aspectRatio", "imageSize", "images"})
    public record KeptRequest(String key, String prompt, String aspectRatio, String imageSize, List<KeptImage> images) {
    }

    /** A kept request's image: a copied local file, or a reference by URI. */
    @JsonbPropertyOrder({"mimeType", "uri", "file"})
    public record KeptImage(String mimeType, String uri, String file) {
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
